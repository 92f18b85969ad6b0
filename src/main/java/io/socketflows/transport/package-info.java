/**
 * How the bytes move beneath the services' Spring Integration flows: what the services and operations see, the
 * policy both transports apply, and the choice between them.
 * <p>
 * Each concern, and where each transport carries it out:
 * <table>
 * <caption>class, concern, transport</caption>
 * <tr><th>Here</th><th>Concern</th><th>{@code netty}</th><th>{@code net}</th></tr>
 * <tr><td>{@link io.socketflows.transport.TcpServers}, {@link io.socketflows.transport.UdpServers},
 * {@link io.socketflows.transport.ServerTransport}</td><td>a service's server, on its port, on the configured
 * transport</td><td>{@code NettyServerTransport}</td><td>{@code NetServerTransport}</td></tr>
 * <tr><td>{@link io.socketflows.transport.UdpServer}</td><td>a UDP service's socket(s), its replies</td>
 * <td>{@code NettyUdpServer} (on {@code NettyUdpInboundChannelAdapter}, {@code NettyUdpOutboundHandler})</td>
 * <td>{@code NetUdpServer}</td></tr>
 * <tr><td>(Spring Integration's {@code AbstractServerConnectionFactory})</td><td>a TCP service's connections and
 * framing</td><td>{@code NettyTcpServerConnectionFactory}, {@code NettyTcpConnection}, {@code FrameCodec}</td>
 * <td>Spring Integration's {@code TcpNetServerConnectionFactory} and serializers</td></tr>
 * <tr><td>{@link io.socketflows.transport.ConnectionGate}, {@link io.socketflows.transport.AddressRules}</td>
 * <td>admission: limits, address rules</td><td>{@code NettyTcpServerConnectionFactory}</td>
 * <td>{@code NetConnectionPolicy}</td></tr>
 * <tr><td>{@code SocketsProperties.TcpLimits#idleTimeout}</td><td>the idle timeout</td>
 * <td>{@code NettyIdleTimeout}</td><td>{@code NetConnectionPolicy}</td></tr>
 * <tr><td>{@link io.socketflows.transport.ServerTls}</td><td>TLS from an SSL bundle, reloaded</td>
 * <td>{@code NettyTlsHandshake}</td><td>{@code NetConnectionPolicy}</td></tr>
 * <tr><td>{@link io.socketflows.transport.DatagramGate}</td><td>datagrams: address rules, rate limit,
 * amplification budget</td><td>{@code NettyUdpServer}</td><td>{@code NetUdpServer}</td></tr>
 * <tr><td>{@link io.socketflows.transport.ConnectionObserver}, {@link io.socketflows.transport.CountedConnection}
 * ({@link io.socketflows.transport.TcpServers#observe})</td><td>what a TCP service's connections carry</td>
 * <td>{@code NettyTcpConnection} itself</td><td>{@code CountingInterceptor} around each connection</td></tr>
 * <tr><td>{@link io.socketflows.transport.ConnectionRejectedEvent} (refused, closed by the server),
 * {@link io.socketflows.transport.DatagramObserver}</td><td>what operations count and log</td><td colspan="2">both
 * publish them</td></tr>
 * </table>
 * The transports import this package, never each other; this package imports neither.
 */
package io.socketflows.transport;
