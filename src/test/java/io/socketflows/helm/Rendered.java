package io.socketflows.helm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents {@code helm template} rendered, read as fabric8 Kubernetes objects; a field the model does
 * not know fails the reading instead of landing unnoticed in {@code additionalProperties}.
 *
 * @param objects every Kubernetes object of the release
 * @param tests the {@code helm test} pods
 * @param custom documents of custom resources (ServiceMonitor), as generic YAML
 */
record Rendered(List<HasMetadata> objects, List<Pod> tests, List<Map<String, Object>> custom) {

	/** The kinds the chart may render, and the model class for each. */
	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
			"apps/v1/Deployment", Deployment.class,
			"v1/Service", Service.class,
			"v1/ConfigMap", ConfigMap.class,
			"v1/Secret", Secret.class,
			"v1/ServiceAccount", ServiceAccount.class,
			"v1/Pod", Pod.class,
			"autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
			"policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
			"networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

	private static final List<String> CUSTOM_KINDS = List.of("monitoring.coreos.com/v1/ServiceMonitor");

	// Strict: "3000" where Kubernetes wants an integer, or a number where it wants a string, fails here as it
	// would fail in the API server.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	static Rendered parse(List<String> manifests, List<String> hooks) {
		List<HasMetadata> objects = new ArrayList<>();
		List<Map<String, Object>> custom = new ArrayList<>();
		for (String document : manifests) {
			Map<String, Object> yaml = new Yaml().load(document);
			String type = yaml.get("apiVersion") + "/" + yaml.get("kind");
			if (CUSTOM_KINDS.contains(type)) {
				custom.add(yaml);
			}
			else {
				assertThat(KINDS).as("kind of\n%s", document).containsKey(type);
				objects.add(read(yaml, KINDS.get(type), document));
			}
		}
		List<Pod> tests = hooks.stream().map(document -> read(new Yaml().load(document), Pod.class, document)).toList();
		return new Rendered(objects, tests, custom);
	}

	private static <T> T read(Map<String, Object> yaml, Class<T> type, String document) {
		T object = MAPPER.convertValue(yaml, type);
		List<String> unknown = new ArrayList<>();
		collectUnknownFields(object, type.getSimpleName(), unknown);
		assertThat(unknown).as("fields the Kubernetes model does not know, in\n%s", document).isEmpty();
		return object;
	}

	/** Walks the model tree; every fabric8 type keeps the fields it did not map in additionalProperties. */
	private static void collectUnknownFields(Object value, String path, List<String> unknown) {
		if (value instanceof Collection<?> collection) {
			int i = 0;
			for (Object element : collection) {
				collectUnknownFields(element, path + "[" + i++ + "]", unknown);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, element) -> collectUnknownFields(element, path + "." + key, unknown));
			return;
		}
		if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		for (Method method : value.getClass().getMethods()) {
			if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
					|| !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
				continue;
			}
			Object property = invoke(method, value);
			if (method.getName().equals("getAdditionalProperties")) {
				((Map<?, ?>) property).keySet().forEach(key -> unknown.add(path + "." + key));
			}
			else {
				collectUnknownFields(property, path + "." + method.getName().substring(3), unknown);
			}
		}
	}

	private static Object invoke(Method method, Object target) {
		try {
			return method.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(method.toString(), ex);
		}
	}

	<T extends HasMetadata> List<T> all(Class<T> kind) {
		return this.objects.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	<T extends HasMetadata> T one(Class<T> kind) {
		List<T> all = all(kind);
		assertThat(all).as("%s objects", kind.getSimpleName()).hasSize(1);
		return all.get(0);
	}

	Deployment deployment() {
		return one(Deployment.class);
	}

	Service service(String name) {
		return all(Service.class).stream()
			.filter(s -> s.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Service " + name));
	}

	/** @return the application.yml the ConfigMap holds */
	String applicationYaml() {
		String yaml = one(ConfigMap.class).getData().get("application.yml");
		assertThat(yaml).as("application.yml in the ConfigMap").isNotBlank();
		return yaml;
	}

}
