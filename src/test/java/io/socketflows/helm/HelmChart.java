package io.socketflows.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.Yaml;

import org.springframework.util.FileSystemUtils;

/**
 * The chart in {@code helm/socket-flows}, linted and rendered by the Helm library that helm-java bundles.
 */
final class HelmChart {

	static final Path CHART = Path.of("helm", "socket-flows");

	/** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion); `helm template` assumes 1.20 otherwise. */
	static final String KUBE_VERSION = "1.26.0";

	static final String RELEASE = "demo";

	static final String NAMESPACE = "sockets";

	/**
	 * helm-java's template leaves hooks out (it prints the release manifest only), so the test pod is
	 * rendered from a copy of the chart where its hook annotation is renamed to this one.
	 */
	static final String RENAMED_HOOK = "test.socketflows.io/helm-hook";

	private static final String TESTS_SOURCE = "# Source: socket-flows/templates/tests/";

	private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

	private HelmChart() {
	}

	/** @return the combinations every test runs over: the defaults ("") and each ci/*-values.yaml */
	static Stream<String> combinations() throws IOException {
		try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
			List<String> names = files.map(p -> p.getFileName().toString())
				.filter(n -> n.endsWith("-values.yaml"))
				.sorted()
				.toList();
			return Stream.concat(Stream.of(""), names.stream());
		}
	}

	/**
	 * {@code helm template} of the chart, hooks included.
	 * @param combination "" for the defaults, or a file name in ci/
	 * @param sets extra {@code --set key=value} pairs
	 * @return every rendered document
	 */
	static Rendered render(String combination, Map<String, Object> sets) {
		String manifests = template(CHART, combination, sets);
		Path copy = copyChart();
		try {
			Path testPod = copy.resolve("templates/tests/test-connection.yaml");
			String source = Files.readString(testPod);
			Files.writeString(testPod, source.replace("\"helm.sh/hook\"", '"' + RENAMED_HOOK + '"'));
			String withTests = template(copy, combination, sets);
			List<String> hooks = documents(withTests).stream().filter(d -> d.contains(TESTS_SOURCE)).toList();
			return Rendered.parse(documents(manifests), hooks);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			FileSystemUtils.deleteRecursively(copy.toFile());
		}
	}

	/** @return the rendering of a combination without extra values, rendered once for all tests */
	static Rendered render(String combination) {
		return RENDERED.computeIfAbsent(combination, c -> render(c, Map.of()));
	}

	/**
	 * {@code helm lint --strict} of the chart with a combination's values. helm-java's lint reads the chart's
	 * own values.yaml only, so it lints a copy whose values.yaml is the defaults merged with the combination.
	 */
	static LintResult lint(String combination) {
		if (combination.isEmpty()) {
			return new Helm(CHART).lint().strict().call();
		}
		Path copy = copyChart();
		try {
			Map<String, Object> values = mergeInto(readYaml(CHART.resolve("values.yaml")),
					readYaml(CHART.resolve("ci").resolve(combination)));
			Files.writeString(copy.resolve("values.yaml"), new Yaml().dump(values));
			return new Helm(copy).lint().strict().call();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			FileSystemUtils.deleteRecursively(copy.toFile());
		}
	}

	/** @return the NOTES.txt an install prints, from a client-only dry run */
	static String notes(String combination) {
		var install = new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBE_VERSION)
			.clientOnly()
			.dryRun();
		if (!combination.isEmpty()) {
			install = install.withValuesFile(CHART.resolve("ci").resolve(combination));
		}
		String output = install.call().getOutput();
		return output.substring(output.indexOf("NOTES:"));
	}

	static Map<String, Object> readYaml(Path file) {
		try {
			Map<String, Object> map = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
			return (map != null) ? map : new LinkedHashMap<>();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String template(Path chart, String combination, Map<String, Object> sets) {
		TemplateCommand template = new Helm(chart).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withKubeVersion(KUBE_VERSION);
		if (!combination.isEmpty()) {
			template = template.withValuesFile(CHART.toAbsolutePath().resolve("ci").resolve(combination));
		}
		for (Map.Entry<String, Object> set : sets.entrySet()) {
			template = template.set(set.getKey(), set.getValue());
		}
		return template.call();
	}

	private static List<String> documents(String output) {
		List<String> documents = new ArrayList<>();
		for (String document : output.split("(?m)^---\\s*$")) {
			if (!document.isBlank()) {
				documents.add(document);
			}
		}
		return documents;
	}

	private static Path copyChart() {
		try {
			Path copy = Files.createTempDirectory("socket-flows-chart");
			FileSystemUtils.copyRecursively(CHART, copy);
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Helm's merge of values files: maps merge key by key, anything else is replaced. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> mergeInto(Map<String, Object> base, Map<String, Object> overlay) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		overlay.forEach((key, value) -> {
			if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> current) {
				merged.put(key, mergeInto((Map<String, Object>) current, (Map<String, Object>) map));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

}
