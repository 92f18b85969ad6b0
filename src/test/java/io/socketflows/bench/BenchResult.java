package io.socketflows.bench;

import java.util.HashMap;
import java.util.Map;

import io.socketflows.testsupport.ClientRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code client bench} run: its exit status and the figures of its {@code key=value} line.
 */
record BenchResult(int status, Map<String, String> figures, ClientRun run) {

	/** Runs {@code client bench --host 127.0.0.1 --port PORT args...}. */
	static BenchResult bench(int port, String... args) {
		String[] all = new String[args.length + 5];
		all[0] = "bench";
		all[1] = "--host";
		all[2] = "127.0.0.1";
		all[3] = "--port";
		all[4] = String.valueOf(port);
		System.arraycopy(args, 0, all, 5, args.length);
		ClientRun run = ClientRun.run(all);
		Map<String, String> figures = new HashMap<>();
		String[] lines = run.out().strip().split("\n");
		String line = lines[lines.length - 1];
		assertThat(line).as("%s", run).startsWith("bench ");
		for (String pair : line.substring("bench ".length()).split(" ")) {
			int equals = pair.indexOf('=');
			figures.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return new BenchResult(run.status(), figures, run);
	}

	long count(String key) {
		assertThat(this.figures).as("%s", this.run).containsKey(key);
		return Long.parseLong(this.figures.get(key));
	}

	@Override
	public String toString() {
		return this.run.toString();
	}

}
