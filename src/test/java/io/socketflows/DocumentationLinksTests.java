package io.socketflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the manual (the README, its chapters in {@code docs/}, the chart's and the benchmark's
 * READMEs) names a file that exists, and its {@code #anchor} a heading of that file, as GitHub makes anchors.
 */
class DocumentationLinksTests {

	/** {@code [text](target)} and {@code ![alt](target)}; the target ends at a space (a title) or the parenthesis. */
	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)[^)]*\\)");

	private static final Pattern FENCE = Pattern.compile("(?m)^\\s*```.*?^\\s*```", Pattern.DOTALL);

	private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

	@Test
	void everyRelativeLinkResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path page : pages()) {
			for (String target : links(Files.readString(page))) {
				if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
					continue; // https:, mailto:: not ours to check
				}
				checked++;
				int hash = target.indexOf('#');
				String file = (hash < 0) ? target : target.substring(0, hash);
				Path linked = file.isEmpty() ? page : page.resolveSibling(file).normalize();
				if (!Files.exists(linked)) {
					broken.add(page + ": " + target + " (no " + linked + ")");
				}
				else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
					broken.add(page + ": " + target + " (no such heading in " + linked + ")");
				}
			}
		}
		assertThat(broken).as("broken links").isEmpty();
		assertThat(checked).as("relative links checked").isGreaterThan(30);
	}

	@Test
	void anchorsAreMadeAsGitHubMakesThem() {
		String page = "# Title\n## `client bench`: a load generator\n## Where `net` differs\n## Against the tutorial's servers\n"
				+ "## Title\n```\n# not a heading\n```\n";
		assertThat(anchors(page)).containsExactlyInAnyOrder("title", "client-bench-a-load-generator",
				"where-net-differs", "against-the-tutorials-servers", "title-1");
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("helm/socket-flows/README.md"),
				Path.of("bench/README.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		assertThat(pages).allMatch(Files::isRegularFile);
		return pages;
	}

	private static List<String> links(String markdown) {
		String prose = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
		List<String> links = new ArrayList<>();
		for (Matcher link = LINK.matcher(prose); link.find();) {
			links.add(link.group(1));
		}
		return links;
	}

	private static Set<String> anchors(Path file) {
		if (!file.toString().endsWith(".md")) {
			return Set.of();
		}
		try {
			return anchors(Files.readString(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException(file + " cannot be read", ex);
		}
	}

	/** GitHub's rule: lower case, punctuation dropped but for - and _, spaces as -, repeats numbered -1, -2... */
	private static Set<String> anchors(String markdown) {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		for (Matcher heading = HEADING.matcher(FENCE.matcher(markdown).replaceAll("")); heading.find();) {
			String slug = heading.group(1)
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
				.trim()
				.replace(' ', '-');
			int count = seen.merge(slug, 1, Integer::sum);
			anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
		}
		return anchors;
	}

}
