package io.socketflows.client;

import io.socketflows.support.SocketsProperties;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * What every client command is given: the configuration, where to register its flows, the context they live in
 * and the standard streams.
 *
 * @param sockets the {@code sockets} configuration, for the defaults
 * @param flows where a client registers its flows, once its command line says where the server is
 * @param context the client's context
 * @param streams standard input, output and error
 */
public record ClientEnvironment(SocketsProperties sockets, IntegrationFlowContext flows,
		ConfigurableApplicationContext context, ClientStreams streams) {
}
