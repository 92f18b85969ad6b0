package io.socketflows.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The progress line on standard error: rewritten in place on a terminal, one line at a time otherwise (a log).
 */
final class Progress {

	private final PrintStream err;

	private final boolean terminal;

	private boolean shown;

	Progress(PrintStream err) {
		this.err = err;
		this.terminal = (err == System.err) && terminal();
	}

	void show(String format, Object... args) {
		String line = "bench: " + String.format(Locale.ROOT, format, args);
		if (this.terminal) {
			this.err.print("\r" + line + "\033[K");
			this.err.flush();
			this.shown = true;
		}
		else {
			this.err.println(line);
		}
	}

	/** Ends the line being rewritten, so that what follows starts on its own. */
	void done() {
		if (this.shown) {
			this.err.println();
			this.shown = false;
		}
	}

	/** Java 17 has no way to ask whether standard error is a terminal; Linux's /proc says where fd 2 goes. */
	private static boolean terminal() {
		try {
			String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
			return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return false;
		}
	}

}
