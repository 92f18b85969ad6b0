package io.socketflows.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's processor time and memory, read from Linux's {@code /proc} (for {@code --server-pid}), so that the
 * benchmark sees them over the very window it measures.
 */
final class ServerProcess {

	/** Linux's USER_HZ, the unit of /proc/PID/stat's times: 100 on every mainstream architecture. */
	private static final double TICKS_PER_SECOND = 100;

	private final long pid;

	ServerProcess(long pid) {
		this.pid = pid;
	}

	/** @return user plus system time so far, in seconds; -1 if the process is gone */
	double cpuSeconds() {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(this.pid), "stat"));
			// The command name, in parentheses, may hold spaces: count the fields after its closing one.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** @return a {@code VmHWM} (peak) or {@code VmRSS} (now) figure of /proc/PID/status in kB; -1 if gone */
	long memoryKb(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.pid), "status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// gone
		}
		return -1;
	}

}
