package io.socketflows.helm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.socketflows.SocketFlowsApplication;
import io.socketflows.support.SocketService;
import io.socketflows.support.SocketsProperties;
import io.socketflows.testsupport.ClientRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tls.enabled}: the {@code kubernetes.io/tls} Secret mounted and read as a PEM bundle by echo, ack and chat,
 * and the helm test's echo and ack checks in TLS, trusting the Secret's CA, with a client certificate where
 * {@code client-auth} is {@code need}.
 */
class ChartTlsTests {

	private static final String MOUNT = "/etc/socket-flows/tls";

	private static final String CLIENT_MOUNT = "/etc/socket-flows/tls-client";

	private static final Map<String, Object> TLS = Map.of("tls.enabled", true, "tls.existingSecret", "web-tls");

	@Test
	void isOffByDefault() {
		Rendered rendered = HelmChart.render("");
		assertThat(rendered.applicationYaml()).doesNotContain("ssl");
		assertThat(app(rendered).getVolumeMounts()).extracting(VolumeMount::getName).doesNotContain("tls");
		assertThat(rendered.tests()).singleElement()
			.satisfies((test) -> assertThat(test.getSpec().getContainers())
				.allSatisfy((check) -> assertThat(check.getArgs()).doesNotContain("--tls")));
	}

	/** Both write under {@code spring}: the TLS bundle must not replace the cluster's Redis, nor the reverse. */
	@Test
	void keepsTheChatClustersRedisBesideTheBundle() {
		Rendered rendered = HelmChart.render("chat-cluster-values.yaml", TLS);
		ApplicationConfig config = ApplicationConfig.of(rendered.applicationYaml(), "ipv4");
		assertThat(config.get("spring.data.redis.host", String.class)).isEqualTo("redis-master.data.svc.cluster.local");
		assertThat(config.get("spring.ssl.bundle.pem.socket-flows.keystore.certificate", String.class))
			.isEqualTo("file:" + MOUNT + "/tls.crt");
		assertThat(config.sockets().ssl(SocketService.CHAT).bundle()).isEqualTo("socket-flows");
	}

	@Test
	void mountsTheSecretAndServesEchoAckAndChatFromItAsAReloadedPemBundle() {
		Rendered rendered = HelmChart.render("", TLS);
		PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getVolumes()).filteredOn((volume) -> volume.getName().equals("tls"))
			.singleElement()
			.satisfies((volume) -> assertThat(volume.getSecret().getSecretName()).isEqualTo("web-tls"));
		assertThat(app(rendered).getVolumeMounts()).filteredOn((mount) -> mount.getName().equals("tls"))
			.singleElement()
			.satisfies((mount) -> {
				assertThat(mount.getMountPath()).isEqualTo(MOUNT);
				assertThat(mount.getReadOnly()).isTrue();
			});
		ApplicationConfig config = ApplicationConfig.of(rendered.applicationYaml(), "ipv4");
		SocketsProperties sockets = config.sockets();
		for (SocketService service : List.of(SocketService.ECHO, SocketService.ACK, SocketService.CHAT)) {
			assertThat(sockets.ssl(service).bundle()).as("%s", service).isEqualTo("socket-flows");
		}
		assertThat(config.get("spring.ssl.bundle.pem.socket-flows.keystore.certificate", String.class))
			.isEqualTo("file:" + MOUNT + "/tls.crt");
		assertThat(config.get("spring.ssl.bundle.pem.socket-flows.keystore.private-key", String.class))
			.isEqualTo("file:" + MOUNT + "/tls.key");
		assertThat(config.get("spring.ssl.bundle.pem.socket-flows.reload-on-update", Boolean.class)).isTrue();
	}

	@Test
	void keepsTheClientAuthenticationOfTheConfiguration() {
		Rendered rendered = HelmChart.render("", Map.of("tls.enabled", true, "tls.existingSecret", "web-tls",
				"config.sockets.ack.ssl.client-auth", "need"));
		SocketsProperties sockets = ApplicationConfig.of(rendered.applicationYaml(), "ipv4").sockets();
		assertThat(sockets.ack().ssl().clientAuth()).isEqualTo(SocketsProperties.ClientAuth.NEED);
		assertThat(sockets.ack().ssl().bundle()).isEqualTo("socket-flows");
	}

	@Test
	void helmTestChecksEchoAndAckInTlsTrustingOnlyTheCaOfTheSecret() {
		Rendered rendered = HelmChart.render("", TLS);
		PodSpec test = rendered.tests().get(0).getSpec();
		for (Container check : test.getContainers()) {
			if (check.getName().equals("udp")) {
				assertThat(check.getArgs()).doesNotContain("--tls");
				continue;
			}
			assertThat(String.join(" ", check.getArgs())).as(check.getName())
				.contains("--tls --ca " + MOUNT + "/ca.crt")
				.doesNotContain("--insecure");
			assertThat(check.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains(MOUNT);
		}
		Volume secret = test.getVolumes().stream().filter((volume) -> volume.getName().equals("tls")).findFirst()
			.orElseThrow();
		assertThat(secret.getSecret().getItems()).extracting(KeyToPath::getKey).containsExactly("ca.crt");
	}

	@Test
	void helmTestSkipsTheHostNameWhenAsked() {
		Rendered rendered = HelmChart.render("", Map.of("tls.enabled", true, "tls.existingSecret", "web-tls",
				"tests.tlsVerifyHost", false, "tests.tlsCaKey", "tls.crt"));
		Container echo = rendered.tests().get(0).getSpec().getContainers().get(0);
		assertThat(String.join(" ", echo.getArgs())).contains("--ca " + MOUNT + "/tls.crt --insecure");
	}

	@Test
	void helmTestPresentsTheServersCertificateWhereAServiceNeedsOne() {
		Rendered rendered = HelmChart.render("", with(Map.of("config.sockets.ack.ssl.client-auth", "need")));
		PodSpec test = rendered.tests().get(0).getSpec();
		assertThat(String.join(" ", check(test, "ack").getArgs()))
			.contains("--tls --ca " + MOUNT + "/ca.crt --cert " + MOUNT + "/tls.crt --key " + MOUNT + "/tls.key");
		assertThat(check(test, "echo").getArgs()).doesNotContain("--cert", "--key");
		assertThat(volume(test, "tls").getSecret().getItems()).extracting(KeyToPath::getKey)
			.containsExactly("ca.crt", "tls.crt", "tls.key");
		assertThat(test.getVolumes()).extracting(Volume::getName).doesNotContain("tls-client");
	}

	@Test
	void helmTestPresentsTheCertificateOfItsOwnSecretWhenGivenOne() {
		Rendered rendered = HelmChart.render("", with(Map.of("config.sockets.echo.ssl.client-auth", "need",
				"config.sockets.ack.ssl.client-auth", "need", "tests.tlsClientSecret", "helm-test-client")));
		PodSpec test = rendered.tests().get(0).getSpec();
		for (String service : List.of("echo", "ack")) {
			Container check = check(test, service);
			assertThat(String.join(" ", check.getArgs())).as(service)
				.contains("--cert " + CLIENT_MOUNT + "/tls.crt --key " + CLIENT_MOUNT + "/tls.key");
			assertThat(check.getVolumeMounts()).as(service)
				.filteredOn((mount) -> mount.getName().equals("tls-client"))
				.singleElement()
				.satisfies((mount) -> {
					assertThat(mount.getMountPath()).isEqualTo(CLIENT_MOUNT);
					assertThat(mount.getReadOnly()).isTrue();
				});
		}
		Volume client = volume(test, "tls-client");
		assertThat(client.getSecret().getSecretName()).isEqualTo("helm-test-client");
		assertThat(client.getSecret().getItems()).extracting(KeyToPath::getKey).containsExactly("tls.crt", "tls.key");
		// The server's key stays out of the test pod.
		assertThat(volume(test, "tls").getSecret().getItems()).extracting(KeyToPath::getKey).containsExactly("ca.crt");
	}

	@Test
	void helmTestPresentsNoCertificateWhereOneIsOnlyWanted() {
		Rendered rendered = HelmChart.render("", with(Map.of("config.sockets.echo.ssl.client-auth", "want",
				"config.sockets.ack.ssl.client-auth", "none", "config.sockets.chat.ssl.client-auth", "need")));
		PodSpec test = rendered.tests().get(0).getSpec();
		assertThat(test.getContainers()).allSatisfy((check) -> assertThat(check.getArgs()).doesNotContain("--cert"));
		assertThat(volume(test, "tls").getSecret().getItems()).extracting(KeyToPath::getKey).containsExactly("ca.crt");
	}

	@Test
	void refusesTlsWithoutASecret() {
		assertThatThrownBy(() -> HelmChart.render("", Map.of("tls.enabled", true)))
			.hasMessageContaining("tls.enabled needs tls.existingSecret");
	}

	/** The helm test's echo and ack checks against the application as the chart configures it, in TLS. */
	@Test
	void theHelmTestsChecksPassAgainstTheRenderedConfiguration(@TempDir Path directory) throws Exception {
		runTheHelmTestsChecks(HelmChart.render("", TLS), directory);
	}

	/**
	 * As {@link #theHelmTestsChecksPassAgainstTheRenderedConfiguration}, echo and ack needing a client certificate
	 * from the Secret's CA as the values' comment says, and the test's own Secret holding one.
	 */
	@Test
	void theHelmTestsChecksPassWhereClientCertificatesAreNeeded(@TempDir Path directory) throws Exception {
		Rendered rendered = HelmChart.render("", with(Map.of("config.sockets.echo.ssl.client-auth", "need",
				"config.sockets.ack.ssl.client-auth", "need", "tests.tlsClientSecret", "helm-test-client",
				"config.spring.ssl.bundle.pem.socket-flows.truststore.certificate", "file:" + MOUNT + "/ca.crt")));
		ApplicationConfig config = ApplicationConfig.of(rendered.applicationYaml(), "ipv4");
		assertThat(config.sockets().echo().ssl().clientAuth()).isEqualTo(SocketsProperties.ClientAuth.NEED);
		Path client = Files.createDirectory(directory.resolve("client"));
		copy("client.crt", client.resolve("tls.crt"));
		copy("client.key", client.resolve("tls.key"));
		runTheHelmTestsChecks(rendered, directory);
	}

	/**
	 * The rendered configuration run with the Secrets' files where the kubelet would mount them (directories of the
	 * test certificates: {@code secret} for {@value #MOUNT}, {@code client} for {@value #CLIENT_MOUNT}), and the
	 * helm test's echo and ack checks run against it.
	 */
	private static void runTheHelmTestsChecks(Rendered rendered, Path directory) throws Exception {
		Path secret = Files.createDirectory(directory.resolve("secret"));
		copy("server.crt", secret.resolve("tls.crt"));
		copy("server.key", secret.resolve("tls.key"));
		copy("ca.crt", secret.resolve("ca.crt"));
		Path config = directory.resolve("application.yml");
		Files.writeString(config, rendered.applicationYaml().replace(MOUNT, secret.toString()));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SocketFlowsApplication.class).run(
				"--spring.profiles.active=ipv4", "--spring.config.additional-location=file:" + config,
				"--server.port=0", "--management.server.port=0", "--sockets.echo.port=0", "--sockets.udp.port=0",
				"--sockets.ack.port=0", "--sockets.chat.port=0")) {
			for (Container check : rendered.tests().get(0).getSpec().getContainers()) {
				if (check.getName().equals("udp")) {
					continue;
				}
				SocketService service = SocketService.valueOf(check.getName().toUpperCase());
				int port = context.getBeansOfType(AbstractServerConnectionFactory.class)
					.entrySet()
					.stream()
					.filter((server) -> SocketService.ofServerBean(context, server.getKey()).equals(Optional.of(service)))
					.findFirst()
					.orElseThrow()
					.getValue()
					.getPort();
				ClientRun client = ClientRun.run(asRunHere(check.getArgs(), port, directory));
				assertThat(client.status()).as(check.getName() + ": " + client).isZero();
			}
		}
	}

	/** The check's arguments without {@code client}, to this host and port, the certificates where they were copied. */
	private static String[] asRunHere(List<String> args, int port, Path directory) {
		List<String> here = new ArrayList<>(args.subList(1, args.size()));
		here.set(here.indexOf("--host") + 1, "localhost");
		here.set(here.indexOf("--port") + 1, String.valueOf(port));
		here.replaceAll((arg) -> arg.replace(CLIENT_MOUNT, directory.resolve("client").toString())
			.replace(MOUNT, directory.resolve("secret").toString()));
		return here.toArray(String[]::new);
	}

	private static Map<String, Object> with(Map<String, Object> sets) {
		Map<String, Object> all = new LinkedHashMap<>(TLS);
		all.putAll(sets);
		return all;
	}

	private static Container check(PodSpec test, String service) {
		return test.getContainers().stream().filter((check) -> check.getName().equals(service)).findFirst()
			.orElseThrow();
	}

	private static Volume volume(PodSpec pod, String name) {
		return pod.getVolumes().stream().filter((volume) -> volume.getName().equals(name)).findFirst().orElseThrow();
	}

	private static void copy(String resource, Path target) throws IOException {
		try (InputStream in = ChartTlsTests.class.getResourceAsStream("/tls/" + resource)) {
			Files.copy(in, target);
		}
	}

	private static Container app(Rendered rendered) {
		return rendered.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
	}

}
