package io.socketflows.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.awaitility.core.ThrowingRunnable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a fault must give back: this process's open file descriptors and live threads, taken once the fault's path
 * has run (whatever it loads or starts once is part of the baseline) and no client socket of the test is open.
 */
public final class Baseline {

	private final long descriptors;

	private final int threads;

	private Baseline(long descriptors, int threads) {
		this.descriptors = descriptors;
		this.threads = threads;
	}

	/**
	 * @return the descriptors and threads once two samples 200 ms apart agree: threads of the path just run may
	 * still be ending, and a baseline taken among them would hide a leak as large
	 */
	public static Baseline take() {
		AtomicReference<Baseline> last = new AtomicReference<>();
		await().atMost(Listeners.TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(200)).until(() -> {
			Baseline now = new Baseline(openFileDescriptors(), threads());
			Baseline before = last.getAndSet(now);
			return before != null && before.descriptors == now.descriptors && before.threads == now.threads;
		});
		return last.get();
	}

	/**
	 * Waits until the descriptors and threads are back at most at the baseline and {@code connections} holds (the
	 * open connection counts the test checks), polled on this thread: Awaitility's own would be one more thread.
	 * @param connections assertions on the server's connections
	 */
	public void awaitReturn(ThrowingRunnable connections) {
		await().atMost(Listeners.TIMEOUT).pollInSameThread().untilAsserted(() -> {
			connections.run();
			assertThat(openFileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(this.descriptors);
			assertThat(threads()).as("live threads").isLessThanOrEqualTo(this.threads);
		});
	}

	/** @return the file descriptors this process holds now */
	public static long openFileDescriptors() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return the live platform threads of this process */
	public static int threads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	@Override
	public String toString() {
		return this.descriptors + " file descriptors, " + this.threads + " threads";
	}

}
