package io.socketflows.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.management.OperatingSystemMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.socketflows.client.ClientFailure;
import io.socketflows.client.ClientEnvironment;
import io.socketflows.client.ClientStreams;
import io.socketflows.client.Durations;
import io.socketflows.support.JdkTlsHeapInput;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code client bench}: a closed-loop load generator for any echo server that checks every byte of every echo
 * and reports rates, latencies and every failure, for the benchmark ({@code bench/run.sh}).
 */
@Command(name = "bench", sortOptions = false,
		description = { "Loads an echo server (ours, Netty's, ncat) and checks every byte of every echo.",
				"TCP: --conns connections, each with --depth requests of --size bytes in flight; the echoed stream "
						+ "is checked byte for byte, in order. UDP (--udp): as many connected sockets, --depth "
						+ "datagrams in flight on each. --connect-only: N idle connections held, then one echo on each.",
				"The result: one key=value line on standard output; a summary, the progress and the first "
						+ "failures on standard error." },
		footer = { "", "Exit status: 0 every echo came back intact; 1 a mismatch, a loss, a late datagram, an error, a "
				+ "failed or dropped connection, or no echo at all; 2 a wrong command line; 3 every connection refused; "
				+ "4 unknown host; 5 every connection timed out." })
public final class BenchClient implements Callable<Integer> {

	private static final int MAX_UDP_SIZE = 65_507;

	private static final int MAX_TCP_SIZE = 4 << 20;

	@Spec
	private CommandSpec command;

	@Option(names = "--host", paramLabel = "HOST", description = "Server, its first address (default: ${DEFAULT-VALUE}).")
	private String host;

	@Option(names = "--port", paramLabel = "PORT",
			description = "Server port (default: the echo service's, ${DEFAULT-VALUE}; with --udp, the udp service's).")
	private int port;

	@Option(names = "--udp", description = "UDP datagrams instead of a TCP stream.")
	private boolean udp;

	@Option(names = "--conns", paramLabel = "N", defaultValue = "1",
			description = "Connections (UDP: sockets) (default: ${DEFAULT-VALUE}).")
	private int conns;

	@Option(names = "--depth", paramLabel = "N", defaultValue = "1",
			description = "Requests in flight on each (default: ${DEFAULT-VALUE}).")
	private int depth;

	@Option(names = "--size", paramLabel = "BYTES", defaultValue = "64",
			description = "Bytes per request, 16 or more (default: ${DEFAULT-VALUE}).")
	private int size;

	@Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
			description = "Measured window (default: ${DEFAULT-VALUE}).")
	private double seconds;

	@Option(names = "--warmup", paramLabel = "S", defaultValue = "2",
			description = "Load before the window, not counted in rates and latencies (default: ${DEFAULT-VALUE}).")
	private double warmup;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "2",
			description = "Event loop threads (default: ${DEFAULT-VALUE}, which measured more than one on two "
					+ "cores shared with the server).")
	private int threads;

	@Option(names = "--connect-only", paramLabel = "N", defaultValue = "0",
			description = "Idle scale instead: open N connections, hold them --hold seconds, then one echo on each.")
	private int connectOnly;

	@Option(names = "--hold", paramLabel = "S", defaultValue = "10",
			description = "With --connect-only: how long the connections stay idle (default: ${DEFAULT-VALUE}).")
	private double hold;

	@Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
			description = "Limit of each handshake, of the last echoes after the window and of the echoes after "
					+ "--hold (default: ${DEFAULT-VALUE}).")
	private Duration timeout;

	@Option(names = "--lost-after", paramLabel = "DURATION", converter = Durations.class,
			defaultValue = "250ms",
			description = "UDP: a datagram unanswered this long is lost; its echo, if it comes, is late "
					+ "(default: ${DEFAULT-VALUE}).")
	private Duration lostAfter;

	@Option(names = "--connect-concurrency", paramLabel = "N", defaultValue = "256",
			description = "Handshakes in progress at once (default: ${DEFAULT-VALUE}).")
	private int connectConcurrency;

	@Option(names = "--server-pid", paramLabel = "PID",
			description = "A server process on this machine: adds its processor time over the measured window "
					+ "and its peak memory (from /proc).")
	private Long serverPid;

	@Option(names = "--tls", description = { "TCP in TLS. The server's certificate is not checked: the bench "
			+ "measures the server, on loopback. With --connect-only a connection is open once its handshake is done, "
			+ "so connect_s times the handshakes." })
	private boolean tls;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help and exit.")
	private boolean help;

	private final ClientEnvironment environment;

	private final ClientStreams streams;

	BenchClient(ClientEnvironment environment) {
		this.environment = environment;
		this.streams = environment.streams();
	}

	@Override
	public Integer call() {
		validate();
		InetSocketAddress server = server();
		NettyTransport transport = NettyTransport.best();
		Progress progress = new Progress(this.streams.err());
		Diagnostics diagnostics = new Diagnostics(this.streams.err());
		try (Loops loops = new Loops(transport, this.threads)) {
			return (this.connectOnly > 0) ? idle(server, transport, loops, progress, diagnostics)
					: load(server, transport, loops, progress, diagnostics);
		}
		finally {
			progress.done();
		}
	}

	private void validate() {
		check(this.conns >= 1 && this.conns <= 1_000_000, "--conns must be 1 to 1000000");
		check(this.depth >= 1 && this.depth <= 65_536, "--depth must be 1 to 65536");
		int maxSize = this.udp ? MAX_UDP_SIZE : MAX_TCP_SIZE;
		check(this.size >= Payload.HEADER && this.size <= maxSize,
				"--size must be " + Payload.HEADER + " to " + maxSize + " bytes");
		check(this.seconds > 0 && this.warmup >= 0 && this.hold >= 0, "--seconds must be positive, "
				+ "--warmup and --hold zero or more");
		check(this.threads >= 1 && this.threads <= 64, "--threads must be 1 to 64");
		check(this.connectConcurrency >= 1, "--connect-concurrency must be 1 or more");
		check(this.connectOnly >= 0 && !(this.udp && this.connectOnly > 0), "--connect-only is for TCP only");
		check(!(this.udp && this.tls), "--tls is for TCP only");
		check(this.port >= 0 && this.port <= 65535, "--port must be 1 to 65535");
	}

	private void check(boolean valid, String message) {
		if (!valid) {
			throw new ParameterException(this.command.commandLine(), message);
		}
	}

	private InetSocketAddress server() {
		boolean portGiven = this.command.commandLine().getParseResult().hasMatchedOption("--port");
		int target = (this.udp && !portGiven) ? this.environment.sockets().udp().port() : this.port;
		check(target >= 1, "--port must be 1 to 65535");
		try {
			return new InetSocketAddress(InetAddress.getAllByName(this.host)[0], target);
		}
		catch (UnknownHostException ex) {
			throw new ClientFailure(ClientFailure.Status.UNKNOWN_HOST, "unknown host " + this.host);
		}
	}

	private Bootstrap bootstrap(NettyTransport transport, Loops loops, Diagnostics diagnostics, boolean load,
			int depth) {
		AtomicInteger ids = new AtomicInteger();
		Bootstrap bootstrap = new Bootstrap().group(loops.group())
			.channel(this.udp ? transport.udp() : transport.tcp())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(this.timeout.toMillis(), Integer.MAX_VALUE));
		if (this.udp) {
			// One byte more than a request: a longer echo shows as such, not cut to the expected length.
			bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(Math.max(2048, this.size + 1)));
		}
		else {
			bootstrap.option(ChannelOption.TCP_NODELAY, true);
		}
		long lostAfterNanos = this.lostAfter.toNanos();
		Payload payload = new Payload(this.size);
		SslContext tlsContext = this.tls ? BenchTls.clientContext() : null;
		return bootstrap.handler(new ChannelInitializer<Channel>() {

			@Override
			protected void initChannel(Channel channel) {
				LoopStats stats = loops.of(channel.eventLoop());
				int id = ids.getAndIncrement();
				if (tlsContext != null) {
					channel.pipeline().addLast("tls-heap-input", JdkTlsHeapInput.INSTANCE)
						.addLast("tls", tlsContext.newHandler(channel.alloc()));
				}
				channel.pipeline()
					.addLast(BenchClient.this.udp
							? new UdpSocket(id, payload, depth, lostAfterNanos, stats, diagnostics)
							: new TcpConnection(id, payload, depth, load, stats, diagnostics));
			}

		});
	}

	private int load(InetSocketAddress server, NettyTransport transport, Loops loops, Progress progress,
			Diagnostics diagnostics) {
		Bootstrap bootstrap = bootstrap(transport, loops, diagnostics, true, this.depth);
		Connects connects = Connects.open(bootstrap, server, this.conns, this.connectConcurrency, progress);
		if (this.udp) {
			long period = Math.max(this.lostAfter.toNanos() / 4, TimeUnit.MILLISECONDS.toNanos(1));
			loops.each((stats) -> stats.loop.scheduleAtFixedRate(() -> {
				long now = System.nanoTime();
				stats.endpoints.forEach((socket) -> ((UdpSocket) socket).expire(now));
			}, period, period, TimeUnit.NANOSECONDS));
		}
		double measured = 0;
		long cpu = 0;
		double serverCpu = 0;
		if (connects.connected() > 0) {
			run(loops, progress, "warm-up", this.warmup);
			loops.each((stats) -> stats.measuring = true);
			long start = System.nanoTime();
			long cpuStart = cpuNanos();
			double serverStart = serverCpu();
			run(loops, progress, "measuring", this.seconds);
			loops.each((stats) -> {
				stats.measuring = false;
				stats.sending = false;
			});
			measured = (System.nanoTime() - start) / 1e9;
			cpu = cpuNanos() - cpuStart;
			serverCpu = serverCpu() - serverStart;
			// The echoes still in flight come back, or count as lost.
			Duration drain = this.udp ? this.lostAfter.multipliedBy(2) : this.timeout;
			await(loops, progress, drain, "last echoes");
			loops.finish();
		}
		LoopStats.Counts counts = loops.counts();
		Histogram latency = loops.latency();
		double rps = (measured > 0) ? counts.requests / measured : 0;
		Line line = new Line().put("proto", this.udp ? "udp" : (this.tls ? "tls" : "tcp"))
			.put("host", server.getAddress().getHostAddress())
			.put("port", server.getPort())
			.put("conns", this.conns)
			.put("size", this.size)
			.put("depth", this.depth)
			.put("threads", this.threads)
			.put("io", transport.name())
			.put("warmup_s", this.warmup, 1)
			.put("secs", measured, 2)
			.put("requests", counts.requests)
			.put("rps", rps, 0)
			.put("MBps", rps * this.size / 1e6, 2)
			.latency(latency)
			.put("errors", counts.errors)
			.put("mismatches", counts.mismatches)
			.put("lost", counts.lost);
		if (this.udp) {
			line.put("late", counts.late).put("reordered", counts.reordered).put("warmup_lost", counts.warmupLost);
		}
		line.put("conn_failed", connects.failed())
			.put("conn_dropped", counts.dropped)
			.put("connect_s", connects.seconds(), 2)
			.put("cli_cpu_s", cpu / 1e9, 2);
		server(line, serverCpu, counts.requests);
		progress.done();
		PrintStream err = this.streams.err();
		err.printf(Locale.ROOT, "bench: %s %s, %d %s x %d in flight x %d B, %.1f s after a %.1f s warm-up (%s, %d thread%s)%n",
				this.udp ? "udp" : "tcp", server, this.conns, this.udp ? "sockets" : "connections", this.depth,
				this.size, measured, this.warmup, transport.name(), this.threads, (this.threads > 1) ? "s" : "");
		err.printf(Locale.ROOT, "  %,.0f requests/s, %,.2f MB/s each way%n", rps, rps * this.size / 1e6);
		summary(err, latency);
		err.printf(Locale.ROOT, "  errors %d, mismatches %d, lost %d%s, failed connections %d, dropped %d%n",
				counts.errors, counts.mismatches, counts.lost,
				this.udp ? ", late " + counts.late + ", reordered " + counts.reordered + " (lost in the warm-up "
						+ counts.warmupLost + ")" : "",
				connects.failed(),
				counts.dropped);
		print(line);
		if (connects.connected() == 0) {
			return noConnection(connects);
		}
		boolean clean = counts.requests > 0 && counts.errors == 0 && counts.mismatches == 0 && counts.lost == 0
				&& counts.late == 0 && connects.failed() == 0 && counts.dropped == 0;
		return clean ? 0 : ClientFailure.Status.FAILED.exitCode();
	}

	private int idle(InetSocketAddress server, NettyTransport transport, Loops loops, Progress progress,
			Diagnostics diagnostics) {
		Bootstrap bootstrap = bootstrap(transport, loops, diagnostics, false, 1);
		double serverStart = serverCpu();
		// The server's memory before the connections: what they cost is its peak less this.
		long serverRssBefore = (this.serverPid != null) ? new ServerProcess(this.serverPid).memoryKb("VmRSS") : -1;
		Connects connects = Connects.open(bootstrap, server, this.connectOnly, this.connectConcurrency, progress);
		long droppedInHold = 0;
		long probed = 0;
		double probeSeconds = 0;
		LoopStats.Counts counts;
		if (connects.connected() > 0) {
			run(loops, progress, "holding", this.hold);
			droppedInHold = loops.counts().dropped;
			probed = loops.open();
			loops.each((stats) -> stats.measuring = true);
			long start = System.nanoTime();
			loops.each((stats) -> List.copyOf(stats.endpoints).forEach((conn) -> ((TcpConnection) conn).probe()));
			await(loops, progress, this.timeout, "echo after the hold");
			long last = loops.counts().lastAnswerNanos;
			probeSeconds = (last > start) ? (last - start) / 1e9 : 0;
			loops.finish();
		}
		counts = loops.counts();
		Histogram latency = loops.latency();
		Line line = new Line().put("mode", "connect-only")
			.put("proto", this.tls ? "tls" : "tcp")
			.put("host", server.getAddress().getHostAddress())
			.put("port", server.getPort())
			.put("conns", this.connectOnly)
			.put("threads", this.threads)
			.put("io", transport.name())
			.put("hold_s", this.hold, 1)
			.put("connected", connects.connected())
			.put("conn_failed", connects.failed())
			.put("refused", connects.refused())
			.put("timed_out", connects.timedOut())
			.put("connect_s", connects.seconds(), 2)
			.put("dropped_in_hold", droppedInHold)
			.put("probed", probed)
			.put("size", this.size)
			.put("answered", counts.requests)
			.put("mismatches", counts.mismatches)
			.put("lost", counts.lost)
			.put("errors", counts.errors)
			.put("conn_dropped", counts.dropped)
			.put("probe_s", probeSeconds, 3)
			.latency(latency);
		server(line, serverCpu() - serverStart, counts.requests);
		if (this.serverPid != null) {
			line.put("srv_rss_start_kb", serverRssBefore);
		}
		progress.done();
		PrintStream err = this.streams.err();
		err.printf(Locale.ROOT, "bench: tcp %s, %d connections held %.1f s (%s, %d thread%s)%n", server,
				this.connectOnly, this.hold, transport.name(), this.threads, (this.threads > 1) ? "s" : "");
		err.printf(Locale.ROOT, "  connected %d in %.2f s, failed %d (refused %d, timed out %d); dropped while idle %d%n",
				connects.connected(), connects.seconds(), connects.failed(), connects.refused(), connects.timedOut(),
				droppedInHold);
		err.printf(Locale.ROOT, "  then one echo of %d B on each of %d: %d answered in %.3f s, mismatches %d, "
				+ "unanswered %d, dropped %d%n", this.size, probed, counts.requests, probeSeconds, counts.mismatches,
				counts.lost, counts.dropped - droppedInHold);
		summary(err, latency);
		print(line);
		if (connects.connected() == 0) {
			return noConnection(connects);
		}
		boolean clean = counts.requests == this.connectOnly && counts.errors == 0 && counts.mismatches == 0
				&& counts.lost == 0 && counts.dropped == 0;
		return clean ? 0 : ClientFailure.Status.FAILED.exitCode();
	}

	/** Lets the load run for {@code seconds}, a progress line every second. */
	private void run(Loops loops, Progress progress, String phase, double seconds) {
		long start = System.nanoTime();
		long end = start + (long) (seconds * 1e9);
		long answers = loops.counts().answers;
		long last = start;
		for (long now = start; now < end; now = System.nanoTime()) {
			sleep(Math.min(TimeUnit.SECONDS.toNanos(1), end - now));
			LoopStats.Counts counts = loops.counts();
			long at = System.nanoTime();
			progress.show("%s %.0f/%.0f s: %,.0f echoes/s, %d open, errors %d, mismatches %d, lost %d, "
					+ "dropped %d", phase, (at - start) / 1e9, seconds, (counts.answers - answers) / ((at - last) / 1e9),
					loops.open(), counts.errors, counts.mismatches, counts.lost, counts.dropped);
			answers = counts.answers;
			last = at;
		}
	}

	/** Waits until nothing is in flight, at most {@code limit}. */
	private void await(Loops loops, Progress progress, Duration limit, String what) {
		long start = System.nanoTime();
		long end = start + limit.toNanos();
		long lastProgress = start;
		for (long outstanding = loops.outstanding(); outstanding > 0 && System.nanoTime() < end;
				outstanding = loops.outstanding()) {
			if (System.nanoTime() - lastProgress >= TimeUnit.SECONDS.toNanos(1)) {
				lastProgress = System.nanoTime();
				progress.show("%s: %d in flight", what, outstanding);
			}
			sleep(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

	private static void summary(PrintStream err, Histogram latency) {
		err.printf(Locale.ROOT, "  latency us: p50 %.1f, p99 %.1f, p99.9 %.1f, max %.1f (%d echoes)%n",
				Line.micros(latency.getValueAtPercentile(50)), Line.micros(latency.getValueAtPercentile(99)),
				Line.micros(latency.getValueAtPercentile(99.9)), Line.micros(latency.getMaxValue()),
				latency.getTotalCount());
	}

	private void print(Line line) {
		PrintStream out = new PrintStream(this.streams.out(), true, StandardCharsets.UTF_8);
		out.println(line);
		out.flush();
	}

	private int noConnection(Connects connects) {
		if (connects.refused() == connects.failed()) {
			return ClientFailure.Status.REFUSED.exitCode();
		}
		return (connects.timedOut() == connects.failed()) ? ClientFailure.Status.TIMEOUT.exitCode()
				: ClientFailure.Status.FAILED.exitCode();
	}

	private double serverCpu() {
		return (this.serverPid != null) ? new ServerProcess(this.serverPid).cpuSeconds() : 0;
	}

	/** Adds the server's processor time over the window, per echo, and its memory now and at its peak. */
	private void server(Line line, double cpuSeconds, long echoes) {
		if (this.serverPid == null) {
			return;
		}
		ServerProcess server = new ServerProcess(this.serverPid);
		line.put("srv_pid", this.serverPid)
			.put("srv_cpu_s", cpuSeconds, 2)
			.put("srv_us_per_echo", (echoes > 0) ? cpuSeconds * 1e6 / echoes : 0, 2)
			.put("srv_hwm_kb", server.memoryKb("VmHWM"))
			.put("srv_rss_end_kb", server.memoryKb("VmRSS"));
	}

	/** @return the processor time of this process: whether the generator, not the server, was the limit */
	private static long cpuNanos() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)
				? os.getProcessCpuTime() : 0;
	}

	private static void sleep(long nanos) {
		try {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
