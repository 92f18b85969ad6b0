package io.socketflows.chat.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import io.socketflows.testsupport.Chromium;
import io.socketflows.testsupport.Http;
import io.socketflows.testsupport.Listeners;
import io.socketflows.testsupport.RunningApp;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The console page in Debian's Chromium: an operator logs in and holds conversations with raw TCP clients, live.
 * Nothing answers but the page ({@code sockets.chat.operator=web}).
 */
class OperatorConsoleIT {

	private static RunningApp app;

	private static ChromeDriver browser;

	private static int chatPort;

	@BeforeAll
	static void logIn(@TempDir Path profile) {
		Chromium.assumeInstalled();
		app = RunningApp.start("--sockets.chat.operator=web");
		chatPort = Listeners.port(app.bean("tcpChatServer", AbstractServerConnectionFactory.class));
		browser = Chromium.start(profile);
		browser.get(app.uri("/").toString());
		assertThat(browser.getCurrentUrl()).as("sent to the login form").endsWith("/login");
		assertThat(browser.findElement(By.id("login-hint")).getText()).startsWith("The operator is operator.")
			.contains("spring.security.user.password");
		browser.findElement(By.id("username")).sendKeys(Http.OPERATOR);
		browser.findElement(By.id("password")).sendKeys(Http.OPERATOR_PASSWORD);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		await().atMost(Listeners.TIMEOUT)
			.until(() -> "connected".equals(browser.findElement(By.id("status")).getDomAttribute("data-state")));
		// Any alert() would be counted, whichever message ran it.
		browser.executeScript("window.alerts = 0; window.alert = () => window.alerts++;");
	}

	@AfterAll
	static void close() {
		if (browser != null) {
			browser.quit();
		}
		if (app != null) {
			app.close();
		}
	}

	@Test
	void showsAClientLiveAndItsReplyGoesToThatClientOnly() throws Exception {
		try (Socket alice = connect(); Socket bob = connect()) {
			send(alice, "Bonjour, je suis Alice".getBytes(StandardCharsets.UTF_8));
			await().atMost(Listeners.TIMEOUT).ignoreExceptions().untilAsserted(() -> {
				WebElement item = conversationOf(alice);
				assertThat(item.findElement(By.cssSelector(".preview")).getText()).isEqualTo("Bonjour, je suis Alice");
				assertThat(item.findElement(By.cssSelector(".badge")).getText()).as("unread").isEqualTo("1");
			});
			conversationOf(bob);

			open(alice);
			awaitText(browser.findElement(By.id("messages")), ".message[data-from=client] .body",
					"Bonjour, je suis Alice");
			browser.findElement(By.id("reply-input")).sendKeys("Salut Alice, ici l'opérateur", Keys.ENTER);

			assertThat(receive(alice, "Salut Alice, ici l'opérateur".getBytes(StandardCharsets.UTF_8).length))
				.isEqualTo("Salut Alice, ici l'opérateur");
			awaitText(browser.findElement(By.id("messages")), ".message[data-from=operator] .body",
					"Salut Alice, ici l'opérateur");
			assertThat(browser.findElement(By.id("reply-input")).getDomProperty("value")).isEmpty();
			assertNothingArrives(bob);
		}
	}

	@Test
	void tellsHowToConnectAClientToThisChat() {
		assertThat(browser.findElement(By.id("chat-command")).getDomProperty("textContent"))
			.isEqualTo("ncat 127.0.0.1 " + chatPort);
	}

	@Test
	void showsAReplySentByAnotherOperator() throws Exception {
		try (Socket client = connect()) {
			send(client, "quelqu'un ?".getBytes(StandardCharsets.UTF_8));
			long id = open(client);
			HttpResponse<String> answered = Http.send(Http.asOperator(
					HttpRequest.newBuilder(app.uri("/api/conversations/" + id + "/replies")))
				.header("Content-Type", "text/plain; charset=UTF-8")
				.POST(HttpRequest.BodyPublishers.ofString("oui, par curl")));
			assertThat(answered.statusCode()).isEqualTo(204);
			assertThat(receive(client, "oui, par curl".length())).isEqualTo("oui, par curl");
			awaitText(browser.findElement(By.id("messages")), ".message[data-from=operator] .body", "oui, par curl");
		}
	}

	@Test
	void endClosesTheClientsConnectionAndGreysTheConversation() throws Exception {
		try (Socket client = connect()) {
			send(client, "au revoir".getBytes(StandardCharsets.UTF_8));
			open(client);
			await().atMost(Listeners.TIMEOUT).until(() -> browser.findElement(By.id("end-button")).isEnabled());
			browser.findElement(By.id("end-button")).click();
			assertThat(client.getInputStream().read()).as("closed by the server").isEqualTo(-1);
			await().atMost(Listeners.TIMEOUT).ignoreExceptions()
				.until(() -> conversationOf(client).getDomAttribute("class").contains("ended"));
			assertThat(browser.findElement(By.id("reply-input")).isEnabled()).isFalse();
		}
	}

	@Test
	void showsHostileBytesAsTextAndRunsNothing() throws Exception {
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		payload.writeBytes("<img src=x onerror=alert(1)>".getBytes(StandardCharsets.UTF_8));
		payload.writeBytes(new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc3, '(', 0x00, 0x1b, '\n' });
		try (Socket client = connect()) {
			send(client, payload.toByteArray());
			open(client);
			WebElement body = await().atMost(Listeners.TIMEOUT)
				.until(() -> browser.findElements(By.cssSelector("#messages .message[data-from=client] .body")),
						(bodies) -> bodies.size() == 1)
				.get(0);
			assertThat(body.getDomProperty("textContent"))
				.isEqualTo("<img src=x onerror=alert(1)>\\xff\\xfe\\xc3(\\x00\\x1b\\n");
			assertThat(body.findElements(By.cssSelector(".escape"))).extracting(WebElement::getText)
				.containsExactly("\\xff", "\\xfe", "\\xc3", "\\x00", "\\x1b", "\\n");
			assertThat(browser.findElements(By.cssSelector("img"))).as("no element made of the payload").isEmpty();
			assertThat(conversationOf(client).findElement(By.cssSelector(".preview")).getText())
				.startsWith("<img src=x onerror=alert(1)>");

			browser.findElement(By.cssSelector("#messages .message[data-from=client] .hex-toggle")).click();
			assertThat(browser.findElement(By.cssSelector("#messages .message[data-from=client] .hex")).getText())
				.contains("3c 69 6d 67").contains("3e ff fe c3 28").contains("0020  00 1b 0a");

			assertThat(((Number) browser.executeScript("return window.alerts;")).intValue()).isZero();
			assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser.switchTo().alert());
		}
	}

	@Test
	void refusesRequestsWithoutCredentials() throws Exception {
		assertThat(Http.send(HttpRequest.newBuilder(app.uri("/api/conversations"))).statusCode()).isEqualTo(401);
		assertThat(Http.send(HttpRequest.newBuilder(app.uri("/api/conversations/events"))
			.header("Accept", "text/event-stream")).statusCode()).isEqualTo(401);
	}

	/** The picture in docs/chat.md: a desktop window, and the 360 px wide one of a phone. */
	@Test
	void looksRightOnADesktopAndAPhone() throws Exception {
		try (Socket ada = connect(); Socket linus = connect()) {
			send(ada, "Bonjour ! Une question sur le protocole.\n".getBytes(StandardCharsets.UTF_8));
			conversationOf(ada);
			send(linus, "hello\u0007 \u00e7a marche ?".getBytes(StandardCharsets.UTF_8));
			conversationOf(linus);
			open(ada);
			browser.findElement(By.id("reply-input")).sendKeys("Bonjour Ada, je vous écoute.", Keys.ENTER);
			receive(ada, "Bonjour Ada, je vous écoute.".getBytes(StandardCharsets.UTF_8).length);
			send(ada, new byte[] { 'm', 'e', 'r', 'c', 'i', ' ', (byte) 0xe9, '\r', '\n' });
			// In the order of the wire: Ada's thanks after the reply she read.
			awaitText(browser.findElement(By.id("messages")), ".message[data-from=client]:last-child .body", "merci");
			assertThat(browser.findElements(By.cssSelector("#messages .message")))
				.extracting((message) -> message.getDomAttribute("data-from"))
				.containsExactly("client", "operator", "client");
			browser.findElement(By.cssSelector("#messages .message:last-child .hex-toggle")).click();
			screenshot("console.png");

			browser.manage().window().setSize(new Dimension(360, 740));
			try {
				assertThat(browser.findElement(By.id("reply-input")).isDisplayed()).isTrue();
				assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;"))
					.as("no sideways scrolling").isLessThanOrEqualTo(360);
				screenshot("console-phone.png");
				browser.findElement(By.id("back-button")).click();
				assertThat(browser.findElement(By.id("conversations")).isDisplayed()).isTrue();
				screenshot("console-phone-list.png");
			}
			finally {
				browser.manage().window().setSize(new Dimension(1280, 800));
			}
		}
	}

	private static void screenshot(String name) throws IOException {
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	/** The page's entry for a client, once it shows. */
	private static WebElement conversationOf(Socket client) {
		String remote = "127.0.0.1:" + client.getLocalPort();
		return await().atMost(Listeners.TIMEOUT).ignoreExceptions().until(() -> {
			for (WebElement item : browser.findElements(By.cssSelector("#conversations .item"))) {
				if (item.findElement(By.cssSelector(".remote")).getText().equals(remote)) {
					return item;
				}
			}
			return null;
		}, (item) -> item != null);
	}

	/** Selects the client's conversation on the page; its number. */
	private static long open(Socket client) {
		String remote = "127.0.0.1:" + client.getLocalPort();
		// The list is redrawn at every event: click again until the click lands.
		await().atMost(Listeners.TIMEOUT).ignoreExceptions().until(() -> {
			conversationOf(client).click();
			return browser.findElement(By.id("selected-title")).getText().endsWith(" " + remote);
		});
		return Long.parseLong(conversationOf(client).getDomAttribute("data-id"));
	}

	private static void awaitText(WebElement within, String selector, String text) throws IOException {
		try {
			await().atMost(Listeners.TIMEOUT).ignoreExceptions().until(() -> {
				List<WebElement> found = within.findElements(By.cssSelector(selector));
				return found.stream().anyMatch((element) -> element.getDomProperty("textContent").startsWith(text));
			});
		}
		catch (ConditionTimeoutException ex) {
			screenshot("console-failure.png");
			throw new AssertionError("no " + selector + " starting with " + text + " in:\n" + within.getText()
					+ "\n(target/console-failure.png)", ex);
		}
	}

	private static Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", chatPort);
		socket.setSoTimeout((int) Listeners.TIMEOUT.toMillis());
		return socket;
	}

	private static void send(Socket socket, byte[] bytes) throws IOException {
		socket.getOutputStream().write(bytes);
	}

	private static String receive(Socket socket, int length) throws IOException {
		return new String(socket.getInputStream().readNBytes(length), StandardCharsets.UTF_8);
	}

	/** "Nothing" is a read that times out: whatever was due has arrived by then, as the page showed it. */
	private static void assertNothingArrives(Socket socket) throws IOException {
		socket.setSoTimeout(500);
		InputStream in = socket.getInputStream();
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(in::read);
	}

}
