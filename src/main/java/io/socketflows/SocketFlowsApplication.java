package io.socketflows;

import java.util.Arrays;

import io.netty.util.ResourceLeakDetector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point: starts every enabled socket service, or with {@code client} as first argument runs one client.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SocketFlowsApplication {

	private static final String LEAK_DETECTION_LEVEL = "io.netty.leakDetection.level";

	public static void main(String[] args) {
		if (args.length > 0 && "client".equals(args[0])) {
			System.exit(ClientMode.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		if (System.getProperty(LEAK_DETECTION_LEVEL) == null) {
			// The sampling detector records a stack trace for one buffer in 128, on the path every byte takes; the
			// tests run it at its most thorough level instead. -Dio.netty.leakDetection.level=simple turns it back on.
			ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
		}
		SpringApplication.run(SocketFlowsApplication.class, args);
	}

}
