package io.socketflows.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart runs the image Jib builds: same name and tag, same user, every container port exposed.
 * (Building the image needs the base image from a registry, so the build itself is not run here.)
 */
class ChartImageTests {

	private static Document pom;

	private static final XPath XPATH = XPathFactory.newInstance().newXPath();

	@BeforeAll
	static void readPom() throws Exception {
		pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
	}

	@Test
	void appVersionIsTheProjectVersion() throws Exception {
		Map<String, Object> chart = HelmChart.readYaml(HelmChart.CHART.resolve("Chart.yaml"));

		assertThat(chart.get("appVersion")).isEqualTo(text("/project/version"));
	}

	@Test
	void defaultImageIsTheOneJibBuilds() throws Exception {
		String jibImage = text(jib("to/image"));
		assertThat(jibImage).isEqualTo("${image}");
		String image = text("/project/properties/image").replace("${project.version}", text("/project/version"));

		assertThat(app().getImage()).isEqualTo(image);
		assertThat(text(jib("container/mainClass"))).isEqualTo("io.socketflows.SocketFlowsApplication");
		assertThat(text(jib("from/image"))).matches("eclipse-temurin:(2[1-9]|[3-9][0-9])-jre.*");
	}

	@Test
	void imageRunsAsTheChartsNonRootUser() throws Exception {
		PodSpec pod = HelmChart.render("").deployment().getSpec().getTemplate().getSpec();
		String[] user = text(jib("container/user")).split(":");

		assertThat(Long.parseLong(user[0])).isPositive().isEqualTo(pod.getSecurityContext().getRunAsUser());
		assertThat(Long.parseLong(user[1])).isEqualTo(pod.getSecurityContext().getRunAsGroup());
	}

	@Test
	void imageExposesEveryContainerPort() throws Exception {
		List<String> exposed = new ArrayList<>();
		NodeList ports = (NodeList) XPATH.evaluate(jib("container/ports/port"), pom, XPathConstants.NODESET);
		for (int i = 0; i < ports.getLength(); i++) {
			exposed.add(ports.item(i).getTextContent().trim());
		}

		assertThat(exposed).containsExactlyInAnyOrderElementsOf(app().getPorts().stream()
			.map(p -> p.getContainerPort() + "/" + p.getProtocol().toLowerCase())
			.toList());
	}

	private static Container app() {
		return HelmChart.render("").deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	private static String jib(String path) {
		return "/project/build/plugins/plugin[artifactId='jib-maven-plugin']/configuration/" + path;
	}

	private static String text(String xpath) throws Exception {
		String text = XPATH.evaluate(xpath, pom).trim();
		assertThat(text).as(xpath).isNotEmpty();
		return text;
	}

}
