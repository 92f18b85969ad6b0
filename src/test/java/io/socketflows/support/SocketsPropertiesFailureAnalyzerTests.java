package io.socketflows.support;

import io.socketflows.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A bad {@code sockets.*} value is reported in the words the README uses: kebab-case choices, the nearest known key
 * for an unknown one, no Java class names.
 */
@ExtendWith(OutputCaptureExtension.class)
class SocketsPropertiesFailureAnalyzerTests {

	private static final String FRAMINGS = "raw, crlf, lf, stx-etx, length-header-1, length-header-2, length-header-4";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void namesTheAllowedChoicesInKebabCase() {
		FailureAnalysis analysis = analyze("sockets.echo.framing=length_header_3");
		assertThat(analysis.getDescription())
			.startsWith("sockets.echo.framing=\"length_header_3\"")
			.endsWith(" is not one of: " + FRAMINGS);
		assertThat(analysis.getAction()).isEqualTo("Set sockets.echo.framing to one of: " + FRAMINGS + ".");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("LENGTH_HEADER").doesNotContain("java");
	}

	@Test
	void namesTheNearestKnownKeyOfAMisspeltOne() {
		assertThat(analyze("sockets.echo.framnig=crlf").getDescription())
			.startsWith("sockets.echo.framnig=\"crlf\"")
			.endsWith(" is not a property: did you mean sockets.echo.framing?");
		assertThat(analyze("sockets.chat.maxConnection=3").getDescription())
			.endsWith("did you mean sockets.chat.max-connections?");
		assertThat(analyze("sockets.udp.rate-limit.per-sorce=3").getDescription())
			.endsWith("did you mean sockets.udp.rate-limit.per-source?");
	}

	@Test
	void givesTheReasonOfAnotherBadValueWithoutClassNames() {
		FailureAnalysis analysis = analyze("sockets.deny=10.0.0.0/33");
		assertThat(analysis.getDescription()).startsWith("sockets.deny=\"10.0.0.0/33\"")
			.contains(" is not valid: ")
			.contains("the prefix must be 0-32")
			.doesNotContain("java.")
			.doesNotContain("io.socketflows");
	}

	@Test
	void knowsEveryKeyOfTheRecordTree() {
		assertThat(SocketsPropertiesFailureAnalyzer.knownKeys()).contains("sockets.bind-address",
				"sockets.echo.max-message-size", "sockets.udp.rate-limit.burst", "sockets.chat.ssl.client-auth",
				"sockets.shutdown.drain-timeout", "sockets.client.timeout")
			.doesNotContain("sockets.echo", "sockets.echo.ssl");
	}

	@Test
	void startUpStopsWithTheAnalysisInsteadOfBootsEnumConstants(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> RunningApp.start("--sockets.echo.framing=json"));
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("sockets.echo.framing=\"json\"")
			.contains("is not one of: " + FRAMINGS)
			.doesNotContain("LENGTH_HEADER_1");
	}

	@Test
	void startUpStopsOnAMisspeltKey(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> RunningApp.start("--sockets.ack.prot=3001"));
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("sockets.ack.prot=\"3001\" (\"sockets.ack.prot\" from property source \"commandLineArgs\") "
					+ "is not a property: did you mean sockets.ack.port?");
	}

	private FailureAnalysis analyze(String property) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new SocketsPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("an analysis of " + property).isNotNull();
		return analysis[0];
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SocketsProperties.class)
	static class PropertiesOnly {

	}

}
