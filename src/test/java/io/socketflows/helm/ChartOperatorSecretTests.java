package io.socketflows.helm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's credentials: from a Secret the chart generates, or from one the user names; never in the
 * ConfigMap.
 */
class ChartOperatorSecretTests {

	private static final String FULLNAME = HelmChart.RELEASE + "-socket-flows";

	@ParameterizedTest(name = "values: {0}")
	@MethodSource("io.socketflows.helm.HelmChart#combinations")
	void generatesARandomPasswordAndGivesItToTheApplication(String combination) {
		Rendered rendered = HelmChart.render(combination);
		Secret secret = rendered.one(Secret.class);
		assertThat(secret.getMetadata().getName()).isEqualTo(FULLNAME + "-operator");
		assertThat(secret.getData()).containsOnlyKeys("password");
		String password = new String(Base64.getDecoder().decode(secret.getData().get("password")),
				StandardCharsets.UTF_8);
		assertThat(password).matches("[A-Za-z0-9]{24}");

		Container app = app(rendered);
		assertThat(env(app, "SPRING_SECURITY_USER_NAME").getValue()).isEqualTo("operator");
		SecretKeySelector key = env(app, "SPRING_SECURITY_USER_PASSWORD").getValueFrom().getSecretKeyRef();
		assertThat(key.getName()).isEqualTo(secret.getMetadata().getName());
		assertThat(key.getKey()).isEqualTo("password");
		assertThat(rendered.applicationYaml()).doesNotContain(password).doesNotContain("password");
	}

	@Test
	void takesAnExistingSecretAndCreatesNone() {
		Rendered rendered = HelmChart.render("",
				Map.of("operator.existingSecret", "console-login", "operator.username", "alice"));
		assertThat(rendered.all(Secret.class)).isEmpty();
		Container app = app(rendered);
		assertThat(env(app, "SPRING_SECURITY_USER_NAME").getValue()).isEqualTo("alice");
		SecretKeySelector key = env(app, "SPRING_SECURITY_USER_PASSWORD").getValueFrom().getSecretKeyRef();
		assertThat(key.getName()).isEqualTo("console-login");
		assertThat(key.getKey()).isEqualTo("password");
	}

	@Test
	void notesTellHowToReachTheConsoleAndReadThePassword() {
		String notes = HelmChart.notes("");
		assertThat(notes).contains("kubectl port-forward -n " + HelmChart.NAMESPACE + " svc/" + FULLNAME + " 8080")
			.contains("http://localhost:8080/")
			.contains("kubectl get secret -n " + HelmChart.NAMESPACE + " " + FULLNAME
					+ "-operator -o jsonpath='{.data.password}' | base64 -d")
			.contains("curl -u operator:$PASSWORD");
	}

	private static Container app(Rendered rendered) {
		return rendered.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	private static EnvVar env(Container container, String name) {
		return container.getEnv().stream().filter((e) -> e.getName().equals(name)).findFirst()
			.orElseThrow(() -> new AssertionError("no " + name + " in " + container.getName()));
	}

}
