package io.socketflows.chat.cluster;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.socketflows.testsupport.Chromium;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RedisProcess;
import io.socketflows.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static io.socketflows.chat.cluster.ChatClusterTests.connect;
import static io.socketflows.chat.cluster.ChatClusterTests.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console page of one instance, in Debian's Chromium, holding a conversation with a client of another
 * instance of the same chat cluster (a real Redis).
 */
class OperatorConsoleClusterIT {

	@Test
	void aPageOnOnePodTalksWithAClientOfTheOther(@TempDir Path profile) throws Exception {
		Chromium.assumeInstalled();
		String cluster = "console-" + UUID.randomUUID();
		try (RedisProcess redis = RedisProcess.start();
				RunningApp podA = pod(redis, cluster);
				RunningApp podB = pod(redis, cluster)) {
			ChromeDriver browser = Chromium.start(profile);
			try {
				logIn(browser, podB);
				try (Socket client = connect(podA)) {
					String remote = "127.0.0.1:" + client.getLocalPort();
					send(client, "Bonjour, je suis sur A");
					await().atMost(Listeners.TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(
							item(browser, remote).findElement(By.cssSelector(".preview")).getText())
						.isEqualTo("Bonjour, je suis sur A"));

					await().atMost(Listeners.TIMEOUT).ignoreExceptions().until(() -> {
						item(browser, remote).click();
						return browser.findElement(By.id("selected-title")).getText().endsWith(" " + remote);
					});
					browser.findElement(By.id("reply-input")).sendKeys("Salut, ici la page de B", Keys.ENTER);
					String reply = "Salut, ici la page de B";
					assertThat(new String(client.getInputStream().readNBytes(reply.getBytes(StandardCharsets.UTF_8).length),
							StandardCharsets.UTF_8)).isEqualTo(reply);
					await().atMost(Listeners.TIMEOUT).ignoreExceptions().until(() -> texts(browser,
							"#messages .message[data-from=operator] .body").contains(reply));

					await().atMost(Listeners.TIMEOUT).until(() -> browser.findElement(By.id("end-button")).isEnabled());
					browser.findElement(By.id("end-button")).click();
					assertThat(client.getInputStream().read()).as("closed by pod A").isEqualTo(-1);
					await().atMost(Listeners.TIMEOUT).ignoreExceptions()
						.until(() -> item(browser, remote).getDomAttribute("class").contains("ended"));
				}
			}
			finally {
				browser.quit();
			}
		}
	}

	private static RunningApp pod(RedisProcess redis, String cluster) {
		List<String> args = new ArrayList<>(List.of(redis.clusterArgs(cluster)));
		args.addAll(List.of("--sockets.chat.operator=web", "--sockets.chat.cluster-expiry=3s",
				"--sockets.shutdown.drain-timeout=1s"));
		return RunningApp.start(args.toArray(String[]::new));
	}

	private static void logIn(ChromeDriver browser, RunningApp app) {
		browser.get(app.uri("/").toString());
		browser.findElement(By.id("username")).sendKeys(Http.OPERATOR);
		browser.findElement(By.id("password")).sendKeys(Http.OPERATOR_PASSWORD);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		await().atMost(Listeners.TIMEOUT)
			.until(() -> "connected".equals(browser.findElement(By.id("status")).getDomAttribute("data-state")));
	}

	private static WebElement item(ChromeDriver browser, String remote) {
		for (WebElement item : browser.findElements(By.cssSelector("#conversations .item"))) {
			if (item.findElement(By.cssSelector(".remote")).getText().equals(remote)) {
				return item;
			}
		}
		throw new AssertionError("no conversation of " + remote + " on the page");
	}

	private static List<String> texts(ChromeDriver browser, String selector) {
		return browser.findElements(By.cssSelector(selector)).stream()
			.map((element) -> element.getDomProperty("textContent"))
			.toList();
	}

}
