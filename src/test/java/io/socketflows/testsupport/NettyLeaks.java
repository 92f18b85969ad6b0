package io.socketflows.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class during which Netty reported a leaked buffer. Registered for every test class (service loader,
 * {@code junit-platform.properties}); the build runs Netty's detector at its most thorough level
 * ({@code io.netty.leakDetection.level=paranoid}, every buffer tracked), which on its own only logs a leak. A
 * leak is reported once its buffer has been collected, so it may show in the class after the one that leaked: the
 * failure carries the buffer's access records, which name the code.
 */
public final class NettyLeaks implements AfterAllCallback {

	private static final ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();

	static {
		// Before any buffer class sets up its detector: the extension is created before the first test class runs.
		ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {

			@Override
			public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
					long maxActive) {
				return new Recording<>(resource, samplingInterval);
			}

		});
	}

	@Override
	public void afterAll(ExtensionContext context) {
		// The detector reports when a tracked buffer is created: create some, so collected leaks are reported now.
		System.gc();
		for (int i = 0; i < 4; i++) {
			release(PooledByteBufAllocator.DEFAULT.directBuffer(1));
			release(UnpooledByteBufAllocator.DEFAULT.heapBuffer(1));
		}
		List<String> found = new ArrayList<>();
		for (String leak = leaks.poll(); leak != null; leak = leaks.poll()) {
			found.add(leak);
		}
		if (!found.isEmpty()) {
			throw new AssertionError(found.size() + " Netty buffer(s) leaked (not released) by this or an earlier "
					+ "test class:\n" + String.join("\n\n", found));
		}
	}

	private static void release(ByteBuf buffer) {
		buffer.release();
	}

	private static final class Recording<T> extends ResourceLeakDetector<T> {

		@SuppressWarnings("deprecation")
		Recording(Class<T> resource, int samplingInterval) {
			super(resource, samplingInterval);
		}

		/** Every leak is recorded, whatever the log level. */
		@Override
		protected boolean needReport() {
			return true;
		}

		@Override
		protected void reportTracedLeak(String resourceType, String records) {
			leaks.add("LEAK: " + resourceType + records);
			super.reportTracedLeak(resourceType, records);
		}

		@Override
		protected void reportUntracedLeak(String resourceType) {
			leaks.add("LEAK: " + resourceType + " (no access records)");
			super.reportUntracedLeak(resourceType);
		}

	}

}
