package io.socketflows.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration chapter's table ({@code docs/configuration.md}) against the metadata the build writes from
 * {@link SocketsProperties}: every {@code sockets.*} property has a row, with its default.
 */
class ConfigurationTableTests {

	private static final Path TABLE = Path.of("docs/configuration.md");

	@Test
	void everyPropertyHasARowWithItsDefault() throws Exception {
		List<String> rows = Files.readAllLines(TABLE)
			.stream()
			.filter((line) -> line.startsWith("| `sockets."))
			.toList();
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		int checked = 0;
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (!name.startsWith("sockets.")) {
				continue;
			}
			String row = rows.stream().filter((candidate) -> names(candidate, name)).findFirst().orElse(null);
			assertThat(row).as(TABLE + " row of " + name).isNotNull();
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue != null && !defaultValue.asString().isEmpty()) {
				assertThat(row.split("\\|")[2]).as(TABLE + " default of " + name)
					.contains("`" + defaultValue.asString() + "`");
			}
			checked++;
		}
		assertThat(checked).isGreaterThan(20);
	}

	/** {@code `sockets.echo.port`}, or a row of several: {@code `sockets.echo.enabled` / `.port`}. */
	private static boolean names(String row, String name) {
		String first = row.split("\\|")[1];
		String parent = name.substring(0, name.lastIndexOf('.') + 1);
		String leaf = name.substring(name.lastIndexOf('.'));
		return first.contains("`" + name + "`") || (first.contains("`" + parent) && first.contains("`" + leaf + "`"));
	}

}
