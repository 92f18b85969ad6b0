package io.socketflows;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point: starts every enabled socket service, or with {@code client} as first argument runs one client.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SocketFlowsApplication {

	public static void main(String[] args) {
		if (args.length > 0 && "client".equals(args[0])) {
			System.exit(ClientMode.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(SocketFlowsApplication.class, args);
	}

}
