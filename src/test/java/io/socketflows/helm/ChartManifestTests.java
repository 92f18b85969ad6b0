package io.socketflows.helm;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.socketflows.support.SocketsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objects {@code helm template} renders, for the defaults and every ci/ combination, checked against
 * each other and against the application they run.
 */
class ChartManifestTests {

	private static final String COMBINATIONS = "io.socketflows.helm.HelmChart#combinations";

	private static final String APP = "socket-flows";

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void containerPortsServeWhatTheConfigurationEnables(String combination) {
		Rendered rendered = HelmChart.render(combination);
		ApplicationConfig config = config(rendered);
		SocketsProperties sockets = config.sockets();

		Set<String> expected = new TreeSet<>();
		if (sockets.echo().enabled()) {
			expected.add("echo " + sockets.echo().port() + "/TCP");
		}
		if (sockets.udp().enabled()) {
			expected.add("udp " + sockets.udp().port() + "/UDP");
		}
		if (sockets.ack().enabled()) {
			expected.add("ack " + sockets.ack().port() + "/TCP");
		}
		if (sockets.chat().enabled()) {
			expected.add("chat " + sockets.chat().port() + "/TCP");
		}
		expected.add("http " + config.get("server.port", Integer.class) + "/TCP");
		expected.add("management " + config.get("management.server.port", Integer.class) + "/TCP");
		assertThat(describe(app(rendered).getPorts())).isEqualTo(expected);
	}

	@Test
	void defaultPortsAreTheApplicationsDefaults() {
		Rendered rendered = HelmChart.render("");
		ApplicationConfig application = ApplicationConfig.application();
		SocketsProperties defaults = application.sockets();
		int http = application.get("server.port", Integer.class);
		Set<String> expected = Set.of("echo " + defaults.echo().port() + "/TCP", "udp " + defaults.udp().port() + "/UDP",
				"ack " + defaults.ack().port() + "/TCP", "chat " + defaults.chat().port() + "/TCP", "http " + http + "/TCP");

		assertThat(describe(app(rendered).getPorts())).containsAll(expected);
		Service service = rendered.service(fullname());
		Set<String> servicePorts = new TreeSet<>();
		service.getSpec().getPorts().forEach(p -> servicePorts.add(p.getName() + " " + p.getPort() + "/" + p.getProtocol()));
		assertThat(servicePorts).isEqualTo(new TreeSet<>(expected));
		// The application's own management port, once its application.yml sets one, is the chart's too.
		Integer management = application.get("management.server.port", Integer.class);
		if (management != null) {
			assertThat(containerPort(app(rendered), "management").getContainerPort()).isEqualTo(management);
		}
	}

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void servicePortsTargetContainerPortsOfTheSameProtocol(String combination) {
		Rendered rendered = HelmChart.render(combination);
		Container app = app(rendered);
		List<Service> services = rendered.all(Service.class);

		assertThat(services).isNotEmpty();
		for (Service service : services) {
			List<ServicePort> ports = service.getSpec().getPorts();
			assertThat(ports).as("ports of %s", service.getMetadata().getName()).isNotEmpty();
			assertThat(ports.stream().map(ServicePort::getName).distinct()).hasSameSizeAs(ports);
			for (ServicePort port : ports) {
				IntOrString target = port.getTargetPort();
				assertThat(target.getStrVal()).as("targetPort of %s is a port name", port.getName()).isNotNull();
				ContainerPort containerPort = containerPort(app, target.getStrVal());
				assertThat(port.getProtocol()).as("protocol of %s", port.getName()).isEqualTo(containerPort.getProtocol());
				assertThat(port.getProtocol()).isEqualTo(port.getName().equals("udp") ? "UDP" : "TCP");
			}
		}
		Set<String> served = new HashSet<>();
		services.forEach(s -> s.getSpec().getPorts().forEach(p -> served.add(p.getName())));
		app.getPorts().stream().map(ContainerPort::getName).filter(n -> !n.equals("management"))
			.forEach(name -> assertThat(served).as("a Service exposes %s", name).contains(name));
		assertThat(rendered.service(fullname()).getSpec().getPorts()).noneMatch(p -> p.getName().equals("management"));
	}

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void udpIsMarkedUdpEverywhere(String combination) {
		Rendered rendered = HelmChart.render(combination);
		SocketsProperties sockets = config(rendered).sockets();

		List<ContainerPort> udp = app(rendered).getPorts().stream().filter(p -> p.getProtocol().equals("UDP")).toList();
		assertThat(udp).extracting(ContainerPort::getName).isEqualTo(sockets.udp().enabled() ? List.of("udp") : List.of());
		for (Service service : rendered.all(Service.class)) {
			service.getSpec().getPorts().stream().filter(p -> p.getName().equals("udp"))
				.forEach(p -> assertThat(p.getProtocol()).isEqualTo("UDP"));
		}
		for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
			Set<String> allowed = new HashSet<>();
			policy.getSpec().getIngress().forEach(rule -> rule.getPorts()
				.forEach(p -> allowed.add(p.getPort().getIntVal() + "/" + p.getProtocol())));
			app(rendered).getPorts().stream().filter(p -> !p.getName().equals("management"))
				.forEach(p -> assertThat(allowed).contains(p.getContainerPort() + "/" + p.getProtocol()));
			if (!sockets.udp().enabled()) {
				assertThat(allowed).noneMatch(p -> p.endsWith("/UDP"));
			}
		}
	}

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void selectorsMatchThePodLabels(String combination) {
		Rendered rendered = HelmChart.render(combination);
		Deployment deployment = rendered.deployment();
		Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

		assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
		for (Service service : rendered.all(Service.class)) {
			assertThat(service.getSpec().getSelector()).isNotEmpty();
			assertThat(podLabels).as("pods of %s", service.getMetadata().getName())
				.containsAllEntriesOf(service.getSpec().getSelector());
			// The test pod must never receive the traffic it checks.
			for (Pod test : rendered.tests()) {
				assertThat(test.getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
					.as("%s selects the test pod", service.getMetadata().getName()).isFalse();
			}
		}
		for (PodDisruptionBudget pdb : rendered.all(PodDisruptionBudget.class)) {
			assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
		}
		for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
			assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
		}
		for (HorizontalPodAutoscaler hpa : rendered.all(HorizontalPodAutoscaler.class)) {
			assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
			assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
		}
	}

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void probesAskTheActuatorHealthGroupsOnTheManagementPort(String combination) {
		Rendered rendered = HelmChart.render(combination);
		ApplicationConfig config = config(rendered);
		Container app = app(rendered);
		String basePath = config.get("management.endpoints.web.base-path", String.class);
		String health = ((basePath != null) ? basePath : "/actuator") + "/health";
		int managementPort = config.get("management.server.port", Integer.class);

		assertThat(config.get("management.endpoint.health.probes.enabled", Boolean.class)).isTrue();
		String exposed = config.get("management.endpoints.web.exposure.include", String.class);
		if (exposed != null) {
			assertThat(List.of(exposed.trim().split("\\s*,\\s*"))).containsAnyOf("health", "*");
		}
		assertProbe(app, app.getStartupProbe(), health + "/liveness", managementPort);
		assertProbe(app, app.getLivenessProbe(), health + "/liveness", managementPort);
		assertProbe(app, app.getReadinessProbe(), health + "/readiness", managementPort);
		assertThat(managementPort).isNotEqualTo(config.get("server.port", Integer.class));
	}

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void podsAreHardened(String combination) {
		Rendered rendered = HelmChart.render(combination);
		List<PodSpec> pods = new ArrayList<>();
		pods.add(rendered.deployment().getSpec().getTemplate().getSpec());
		rendered.tests().forEach(test -> pods.add(test.getSpec()));

		for (PodSpec pod : pods) {
			assertThat(pod.getAutomountServiceAccountToken()).isFalse();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
			for (Container container : pod.getContainers()) {
				SecurityContext security = container.getSecurityContext();
				assertThat(security.getRunAsNonRoot()).isTrue();
				assertThat(security.getReadOnlyRootFilesystem()).isTrue();
				assertThat(security.getAllowPrivilegeEscalation()).isFalse();
				assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
				assertThat(security.getCapabilities().getAdd()).isEmpty();
				assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
				String tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
					.findFirst().orElseThrow(() -> new AssertionError("no /tmp in " + container.getName())).getName();
				assertThat(volume(pod, tmp).getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
				assertThat(container.getResources().getLimits()).containsKey("memory");
				assertThat(env(container, "JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
			}
		}
	}

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void gracePeriodCoversThePauseAndTheDrain(String combination) {
		Rendered rendered = HelmChart.render(combination);
		Duration drain = config(rendered).get("sockets.shutdown.drain-timeout", Duration.class);
		Container app = app(rendered);
		List<String> preStop = app.getLifecycle().getPreStop().getExec().getCommand();

		assertThat(drain).isPositive();
		assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
		long pause = Long.parseLong(preStop.get(1));
		assertThat(pause).isPositive();
		assertThat(rendered.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
			.isGreaterThan(pause + drain.toSeconds());
	}

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void loadsTheConfigMapAsAdditionalConfiguration(String combination) {
		Rendered rendered = HelmChart.render(combination);
		PodSpec pod = rendered.deployment().getSpec().getTemplate().getSpec();
		String configMap = rendered.one(ConfigMap.class).getMetadata().getName();
		Volume config = pod.getVolumes().stream()
			.filter(v -> v.getConfigMap() != null && v.getConfigMap().getName().equals(configMap))
			.findFirst().orElseThrow();
		String mountPath = app(rendered).getVolumeMounts().stream().filter(m -> m.getName().equals(config.getName()))
			.findFirst().orElseThrow().getMountPath();

		assertThat(rendered.one(ConfigMap.class).getData()).containsOnlyKeys("application.yml");
		assertThat(env(app(rendered), "SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("file:" + mountPath + "/");
		assertThat(rendered.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
			.hasEntrySatisfying("checksum/config", sum -> assertThat(sum).matches("[0-9a-f]{64}"));
		assertThat(config(rendered).sockets().chat().operator()).isEqualTo(SocketsProperties.Operator.AUTO);
	}

	@Test
	void aNewConfigurationRollsThePods() {
		String defaults = checksum(HelmChart.render(""));

		assertThat(checksum(HelmChart.render(""))).isEqualTo(defaults);
		assertThat(checksum(HelmChart.render("", Map.of("config.sockets.chat.auto-reply", "Bonjour"))))
			.isNotEqualTo(defaults);
		assertThat(checksum(HelmChart.render("", Map.of("containerPorts.ack", 4001)))).isNotEqualTo(defaults);
	}

	@ParameterizedTest(name = "values: {0}")
	@CsvSource({ "'', ipv4, SingleStack, IPv4, 0.0.0.0",
			"ipv6-values.yaml, ipv6, SingleStack, IPv6, ::",
			"dual-stack-loadbalancer-values.yaml, ipv6, PreferDualStack, IPv4 IPv6, ::" })
	void ipFamilyPicksTheProfileAndTheServiceFamilies(String combination, String profile, String policy,
			String families, String bindAddress) throws Exception {
		Rendered rendered = HelmChart.render(combination);

		assertThat(env(app(rendered), "SPRING_PROFILES_ACTIVE")).isEqualTo(profile);
		assertThat(config(rendered).sockets().bindAddress())
			.isEqualTo(InetAddress.getByName(bindAddress));
		for (Service service : rendered.all(Service.class)) {
			assertThat(service.getSpec().getIpFamilyPolicy()).isEqualTo(policy);
			assertThat(service.getSpec().getIpFamilies()).isEqualTo(List.of(families.split(" ")));
		}
	}

	@Test
	void oneLoadBalancerCarriesTcpAndUdpAndKeepsClientAddresses() {
		Rendered rendered = HelmChart.render("dual-stack-loadbalancer-values.yaml");
		Service service = rendered.service(fullname());

		assertThat(rendered.all(Service.class)).hasSize(1);
		assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
		assertThat(service.getSpec().getPorts()).extracting(ServicePort::getProtocol).contains("TCP", "UDP");
	}

	@Test
	void optionalObjectsAreOffByDefault() {
		Rendered rendered = HelmChart.render("");

		assertThat(rendered.objects()).extracting(HasMetadata::getKind)
			.containsExactlyInAnyOrder("ConfigMap", "Secret", "Service", "Deployment");
		assertThat(rendered.custom()).isEmpty();
		Service service = rendered.service(fullname());
		assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(service.getSpec().getExternalTrafficPolicy()).as("only valid on NodePort/LoadBalancer").isNull();
		assertThat(rendered.deployment().getSpec().getReplicas()).isEqualTo(1);
		assertThat(rendered.deployment().getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("default");
	}

	@Test
	void everyOptionalObjectRenders() {
		Rendered rendered = HelmChart.render("all-optional-values.yaml");
		Deployment deployment = rendered.deployment();

		assertThat(deployment.getSpec().getReplicas()).as("left to the HPA").isNull();
		HorizontalPodAutoscaler hpa = rendered.one(HorizontalPodAutoscaler.class);
		assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
		assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
			assertThat(metric.getResource().getName()).isEqualTo("cpu");
			assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
		});
		assertThat(rendered.one(PodDisruptionBudget.class).getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));

		ServiceAccount account = rendered.one(ServiceAccount.class);
		assertThat(account.getAutomountServiceAccountToken()).isFalse();
		assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
			.isEqualTo(account.getMetadata().getName());

		Service main = rendered.service(fullname());
		Service udp = rendered.service(fullname() + "-udp");
		assertThat(main.getSpec().getPorts()).extracting(ServicePort::getProtocol).containsOnly("TCP");
		assertThat(udp.getSpec().getPorts()).singleElement().satisfies(port -> {
			assertThat(port.getProtocol()).isEqualTo("UDP");
			assertThat(port.getNodePort()).isEqualTo(30300);
		});

		NetworkPolicy policy = rendered.one(NetworkPolicy.class);
		Map<String, String> clientLabels = policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector()
			.getMatchLabels();
		assertThat(rendered.tests()).singleElement()
			.satisfies(test -> assertThat(test.getMetadata().getLabels()).containsAllEntriesOf(clientLabels));
		assertThat(policy.getSpec().getIngress()).flatExtracting(rule -> rule.getPorts())
			.extracting(NetworkPolicyPort::getPort)
			.contains(new IntOrString(containerPort(app(rendered), "management").getContainerPort()));

		assertServiceMonitor(rendered);
	}

	@Test
	void longNamesStayValidKubernetesNames() {
		String longest = "a".repeat(63);
		Rendered rendered = HelmChart.render("all-optional-values.yaml", Map.of("fullnameOverride", longest));
		List<HasMetadata> all = new ArrayList<>(rendered.objects());
		all.addAll(rendered.tests());

		for (HasMetadata object : all) {
			assertThat(object.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
			object.getMetadata().getLabels().forEach((key, value) -> {
				assertThat(key.substring(key.indexOf('/') + 1)).as("label key %s", key).hasSizeLessThanOrEqualTo(63);
				assertThat(value).as("label %s", key).hasSizeLessThanOrEqualTo(63);
			});
		}
		assertThat(app(rendered).getPorts()).allSatisfy(p -> assertThat(p.getName()).hasSizeLessThanOrEqualTo(15));
	}

	@SuppressWarnings("unchecked")
	private static void assertServiceMonitor(Rendered rendered) {
		Map<String, Object> monitor = rendered.custom().stream().filter(c -> c.get("kind").equals("ServiceMonitor"))
			.findFirst().orElseThrow();
		// No model for the Prometheus Operator here: the fields are checked against those its CRD defines.
		assertThat(monitor).containsOnlyKeys("apiVersion", "kind", "metadata", "spec");
		Map<String, Object> spec = (Map<String, Object>) monitor.get("spec");
		assertThat(spec).containsOnlyKeys("namespaceSelector", "selector", "endpoints");
		Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
		List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec.get("endpoints");
		assertThat(endpoints).singleElement().satisfies(endpoint -> {
			assertThat(endpoint.keySet()).isSubsetOf("port", "path", "interval", "scrapeTimeout");
			assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
		});
		List<Service> scraped = rendered.all(Service.class).stream()
			.filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
			.toList();
		assertThat(scraped).singleElement().satisfies(service -> assertThat(service.getSpec().getPorts())
			.anyMatch(p -> p.getName().equals(endpoints.get(0).get("port"))
					&& p.getTargetPort().getStrVal().equals("management")));
	}

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void helmTestAsksEachServiceThroughItsService(String combination) {
		Rendered rendered = HelmChart.render(combination);
		SocketsProperties sockets = config(rendered).sockets();
		List<String> checked = Stream.of("echo", "ack", "udp")
			.filter(name -> switch (name) {
				case "echo" -> sockets.echo().enabled();
				case "ack" -> sockets.ack().enabled();
				default -> sockets.udp().enabled();
			})
			.toList();

		assertThat(rendered.tests()).singleElement().satisfies(test -> {
			assertThat(test.getMetadata().getAnnotations()).containsEntry(HelmChart.RENAMED_HOOK, "test");
			assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
			assertThat(test.getSpec().getContainers()).extracting(Container::getName).isEqualTo(checked);
			for (Container check : test.getSpec().getContainers()) {
				assertThat(check.getImage()).isEqualTo(app(rendered).getImage());
				List<String> args = check.getArgs();
				assertThat(args.subList(0, 3)).containsExactly("client", check.getName(), "--host");
				assertThat(args.get(3 + 1)).isEqualTo("--port");
				Service service = rendered.service(args.get(3));
				int port = Integer.parseInt(args.get(5));
				String protocol = check.getName().equals("udp") ? "UDP" : "TCP";
				assertThat(service.getSpec().getPorts()).as("%s reaches %s", check.getName(), service.getMetadata().getName())
					.anyMatch(p -> p.getPort() == port && p.getProtocol().equals(protocol)
							&& p.getTargetPort().getStrVal().equals(check.getName()));
				if (check.getName().equals("echo")) {
					// Then, with tls.enabled, the TLS options (ChartTlsTests).
					assertThat(args.get(6)).isEqualTo("Hello, world");
				}
			}
		});
	}

	@ParameterizedTest(name = "values: {0}")
	@MethodSource(COMBINATIONS)
	void notesTellHowToReachEachEnabledService(String combination) {
		Rendered rendered = HelmChart.render(combination);
		SocketsProperties sockets = config(rendered).sockets();
		String notes = HelmChart.notes(combination);
		String host = fullname() + "." + HelmChart.NAMESPACE;

		assertThat(notes.contains("ncat " + host + " " + port(rendered, "echo"))).isEqualTo(sockets.echo().enabled());
		assertThat(notes.contains("ncat " + host + " " + port(rendered, "ack"))).isEqualTo(sockets.ack().enabled());
		assertThat(notes.contains("ncat " + host + " " + port(rendered, "chat"))).isEqualTo(sockets.chat().enabled());
		assertThat(notes.contains("ncat -u -w1 ")).isEqualTo(sockets.udp().enabled());
		assertThat(notes).contains("helm test " + HelmChart.RELEASE);
	}

	private static ApplicationConfig config(Rendered rendered) {
		return ApplicationConfig.of(rendered.applicationYaml(), env(app(rendered), "SPRING_PROFILES_ACTIVE"));
	}

	private static String fullname() {
		return HelmChart.RELEASE + "-" + APP;
	}

	private static Container app(Rendered rendered) {
		List<Container> containers = rendered.deployment().getSpec().getTemplate().getSpec().getContainers();
		assertThat(containers).extracting(Container::getName).containsExactly(APP);
		return containers.get(0);
	}

	private static ContainerPort containerPort(Container container, String name) {
		return container.getPorts().stream().filter(p -> p.getName().equals(name)).findFirst()
			.orElseThrow(() -> new AssertionError("no container port " + name));
	}

	private static Integer port(Rendered rendered, String name) {
		return rendered.all(Service.class).stream().flatMap(s -> s.getSpec().getPorts().stream())
			.filter(p -> p.getName().equals(name)).map(ServicePort::getPort).findFirst().orElse(-1);
	}

	private static Set<String> describe(List<ContainerPort> ports) {
		Set<String> described = new TreeSet<>();
		ports.forEach(p -> described.add(p.getName() + " " + p.getContainerPort() + "/" + p.getProtocol()));
		assertThat(described).as("port names are unique").hasSameSizeAs(ports);
		return described;
	}

	private static String env(Container container, String name) {
		return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " in " + container.getName()));
	}

	private static Volume volume(PodSpec pod, String name) {
		return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
	}

	private static String checksum(Rendered rendered) {
		return rendered.deployment().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
	}

	private static void assertProbe(Container app, Probe probe, String path, int managementPort) {
		assertThat(probe).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		IntOrString port = probe.getHttpGet().getPort();
		int number = (port.getStrVal() != null) ? containerPort(app, port.getStrVal()).getContainerPort() : port.getIntVal();
		assertThat(number).isEqualTo(managementPort);
	}

}
