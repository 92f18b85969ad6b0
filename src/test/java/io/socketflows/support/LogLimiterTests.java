package io.socketflows.support;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class LogLimiterTests {

	private final Logger logger = LoggerFactory.getLogger(LogLimiterTests.class);

	@Test
	void letsAFewLinesASecondThroughThenSaysHowManyItHeldBackAtTheirLevel(CapturedOutput output) {
		LogLimiter limiter = new LogLimiter(2);
		for (int i = 1; i <= 5; i++) {
			limiter.warn(this.logger, "refused {}", i);
		}
		assertThat(output.getOut()).contains("WARN").contains("refused 1").contains("refused 2")
			.doesNotContain("refused 3");
		// The next window opens after a second: its first line reports those held back (the three, and the polls'
		// own lines past the two), at WARN as they were.
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			limiter.warn(this.logger, "later");
			return output.getOut().contains("similar log lines");
		});
		Matcher held = Pattern.compile("WARN .* (\\d+) similar log lines were not logged in the last second")
			.matcher(output.getOut());
		assertThat(held.find()).as(output.getOut()).isTrue();
		assertThat(Integer.parseInt(held.group(1))).isGreaterThanOrEqualTo(3);
	}

	@Test
	void logsAThrowableLastWithItsStackTrace(CapturedOutput output) {
		new LogLimiter(1).error(this.logger, "failed on {}", "conn-1", new IllegalStateException("boom"));
		assertThat(output.getOut()).contains("ERROR").contains("failed on conn-1")
			.contains("java.lang.IllegalStateException: boom")
			.contains("\tat io.socketflows.support.LogLimiterTests");
	}

	@Test
	void neitherLogsNorCountsALevelThatIsOff(CapturedOutput output) {
		ch.qos.logback.classic.Logger quiet = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("quiet.limiter");
		quiet.setLevel(Level.WARN);
		LogLimiter limiter = new LogLimiter(1);
		limiter.info(quiet, "opened {}", 1);
		limiter.info(quiet, "opened {}", 2);
		limiter.warn(quiet, "refused {}", 3);
		assertThat(output.getOut()).doesNotContain("opened").contains("refused 3");
	}

}
