package io.socketflows.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Where a client reads its input, writes what the server sent (bytes as they came) and reports.
 *
 * @param in standard input
 * @param out standard output: replies only, so that scripts can read them
 * @param err standard error: prompts, notices and the one line of a failure
 */
public record ClientStreams(InputStream in, OutputStream out, PrintStream err) {

	public static ClientStreams system() {
		return new ClientStreams(System.in, System.out, System.err);
	}

	/**
	 * Writes one reply, then a line break unless it ends with one, as the tutorial's clients print theirs.
	 * @param reply the bytes the server sent
	 */
	public void printLine(byte[] reply) throws IOException {
		this.out.write(reply);
		if (reply.length == 0 || reply[reply.length - 1] != '\n') {
			this.out.write('\n');
		}
		this.out.flush();
	}

}
