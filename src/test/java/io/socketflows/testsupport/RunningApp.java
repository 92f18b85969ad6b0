package io.socketflows.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.socketflows.SocketFlowsApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started as {@code java -jar} would, on free ports, for tests that stop it, break it or
 * start it on purpose to fail.
 */
public final class RunningApp implements AutoCloseable {

	private static final String[] FREE_PORTS = { "--sockets.echo.port=0", "--sockets.ack.port=0",
			"--sockets.udp.port=0", "--sockets.chat.port=0", "--server.port=0", "--management.server.port=0",
			"--sockets.chat.operator=auto", "--spring.main.banner-mode=off",
			"--spring.security.user.name=" + Http.OPERATOR, "--spring.security.user.password=" + Http.OPERATOR_PASSWORD };

	private final ConfigurableApplicationContext context;

	private RunningApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * @param args extra arguments, {@code --key=value}, which win over the free ports
	 * @return the started application
	 */
	public static RunningApp start(String... args) {
		// A repeated argument would bind as a list ("0,3000"): the later one replaces the earlier.
		Map<String, String> all = new LinkedHashMap<>();
		Stream.concat(Stream.of(FREE_PORTS), Stream.of(args)).forEach((arg) -> all.put(arg.split("=", 2)[0], arg));
		return new RunningApp(
				new SpringApplicationBuilder(SocketFlowsApplication.class).run(all.values().toArray(String[]::new)));
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public <T> T bean(String name, Class<T> type) {
		return this.context.getBean(name, type);
	}

	/**
	 * @param path a path on the management port, such as {@code /actuator/health}
	 * @return the response
	 */
	public HttpResponse<String> management(String path) throws IOException, InterruptedException {
		return Http.send(HttpRequest.newBuilder(managementUri(path)));
	}

	/**
	 * @param path a path on {@code server.port}, such as {@code /api/conversations}
	 */
	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path);
	}

	public URI managementUri(String path) {
		return URI.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.management.port") + path);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
