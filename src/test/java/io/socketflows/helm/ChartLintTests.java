package io.socketflows.helm;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code helm lint --strict} and the values schema: what an operator meets before anything reaches a cluster.
 */
class ChartLintTests {

	@ParameterizedTest(name = "values: {0}")
	@MethodSource("io.socketflows.helm.HelmChart#combinations")
	void lintsCleanInStrictMode(String combination) {
		LintResult lint = HelmChart.lint(combination);

		assertThat(lint.isFailed()).as("lint failed: %s", lint.getMessages()).isFalse();
		assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
	}

	@Test
	void everyValuesKeyIsCommented() throws Exception {
		List<String> lines = Files.readAllLines(HelmChart.CHART.resolve("values.yaml"));
		List<String> uncommented = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			boolean key = line.matches("\\s*[A-Za-z][\\w.-]*:.*");
			boolean commented = line.contains(" #") || (i > 0 && lines.get(i - 1).trim().startsWith("#"));
			if (key && !commented) {
				uncommented.add((i + 1) + ": " + line);
			}
		}

		assertThat(uncommented).as("values.yaml keys without a comment").isEmpty();
	}

	@Test
	void schemaRejectsUnknownTopLevelKeys() {
		assertThatThrownBy(() -> HelmChart.render("", Map.of("replicas", 3)))
			.hasMessageContaining("values don't meet the specifications of the schema")
			.hasMessageContaining("replicas");
	}

	@ParameterizedTest
	@ValueSource(strings = { "replicaCount=two", "ipFamily=IPv5", "echo.enabled=maybe",
			"service.ports.udp=70000", "service.type=Ingress", "containerPorts.echo=echo",
			"service.externalTrafficPolicy=Nearest", "jvm.maxRamPercentage=150" })
	void schemaRejectsWrongValues(String set) {
		String[] keyValue = set.split("=", 2);

		assertThatThrownBy(() -> HelmChart.render("", Map.of(keyValue[0], keyValue[1])))
			.hasMessageContaining("values don't meet the specifications of the schema");
	}

	@Test
	void refusesAGracePeriodShorterThanThePauseAndTheDrain() {
		assertThatThrownBy(() -> HelmChart.render("", Map.of("shutdown.terminationGracePeriodSeconds", 20)))
			.hasMessageContaining("must exceed preStopSleepSeconds + drainTimeoutSeconds");
	}

}
