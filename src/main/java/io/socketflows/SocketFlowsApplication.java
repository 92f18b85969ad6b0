package io.socketflows;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point: starts every enabled socket service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SocketFlowsApplication {

	public static void main(String[] args) {
		SpringApplication.run(SocketFlowsApplication.class, args);
	}

}
