package io.socketflows.ops;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.socketflows.support.SocketService;
import io.socketflows.transport.CountedConnection;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/connections}: the open TCP connections of every service; {@code DELETE .../{id}} closes one.
 */
@Component
@Endpoint(id = "connections")
class ConnectionsEndpoint {

	private final ConnectionTracker tracker;

	ConnectionsEndpoint(ConnectionTracker tracker) {
		this.tracker = tracker;
	}

	@ReadOperation
	List<ConnectionView> connections() {
		return this.tracker.openConnections()
			.stream()
			.map((connection) -> ConnectionView.of(connection, this.tracker.service(connection)))
			.sorted(Comparator.comparing(ConnectionView::openedAt))
			.toList();
	}

	@DeleteOperation
	WebEndpointResponse<Void> close(@Selector String id) {
		return new WebEndpointResponse<>(this.tracker.close(id) ? WebEndpointResponse.STATUS_NO_CONTENT
				: WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * One open connection.
	 *
	 * @param id the connection id, for {@code DELETE}
	 * @param service the service it belongs to
	 * @param remoteAddress the client's address
	 * @param remotePort the client's port
	 * @param openedAt when it was accepted
	 * @param bytesIn payload bytes received
	 * @param bytesOut payload bytes sent
	 */
	record ConnectionView(String id, String service, String remoteAddress, int remotePort, Instant openedAt,
			long bytesIn, long bytesOut) {

		static ConnectionView of(CountedConnection connection, SocketService service) {
			return new ConnectionView(connection.getConnectionId(), service.id(),
					connection.getHostAddress(), connection.getPort(), connection.openedAt(), connection.bytesIn(),
					connection.bytesOut());
		}

	}

}
