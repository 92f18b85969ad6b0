package io.socketflows.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatagramGateTests {

	private static final int BURST = 4096;

	private final DatagramGate gate = new DatagramGate(0, 1, 1.0, BURST, AddressRules.NONE);

	@Test
	void givesAOneByteFloodNoMoreBytesThanItSentBeyondTheBurst() throws UnknownHostException {
		InetAddress spoofed = InetAddress.getByName("127.0.0.9");
		int reply = 21;
		int datagrams = 10_000;
		long sent = 0;
		int dropped = 0;
		for (int i = 0; i < datagrams; i++) {
			assertThat(this.gate.check(spoofed, 1)).isNull();
			if (this.gate.reply(spoofed, reply) == null) {
				sent += reply;
			}
			else {
				dropped++;
			}
		}
		assertThat(sent).isLessThanOrEqualTo(datagrams + BURST).isGreaterThan(datagrams + BURST - reply);
		assertThat(dropped).isEqualTo(datagrams - (int) (sent / reply));
	}

	@Test
	void neverLimitsAClientWhoseRepliesAreNoLongerThanItsDatagrams() throws UnknownHostException {
		InetAddress echoClient = InetAddress.getByName("127.0.0.10");
		Random random = new Random(7);
		for (int i = 0; i < 100_000; i++) {
			int length = (i % 1000 == 0) ? 65_507 : 1 + random.nextInt(1472);
			assertThat(this.gate.check(echoClient, length)).isNull();
			assertThat(this.gate.reply(echoClient, length)).as("echo %d of %d bytes", i, length).isNull();
		}
	}

	@Test
	void keepsNoMoreThanTheBurstOfWhatASourceLeftUnused() throws UnknownHostException {
		InetAddress client = InetAddress.getByName("127.0.0.11");
		// Large requests with short replies would otherwise bank an allowance for a spoofer to spend later.
		for (int i = 0; i < 100; i++) {
			this.gate.check(client, 60_000);
			assertThat(this.gate.reply(client, 21)).isNull();
		}
		int served = 0;
		while (this.gate.reply(client, 21) == null) {
			served += 21;
		}
		// The burst, and what the last datagram earned beyond its own reply: not the 100 datagrams' 6 MB.
		assertThat(served).isLessThanOrEqualTo(BURST + 60_000 - 21);
	}

	@Test
	void staysBoundedUnderMoreSourcesThanItRemembers() throws UnknownHostException {
		for (int i = 0; i < 2 * DatagramGate.MAX_SOURCES; i++) {
			byte[] address = ByteBuffer.allocate(4).putInt(0x0A000000 + i).array();
			this.gate.check(InetAddress.getByAddress(address), 1);
		}
		assertThat(this.gate.budgetedSources()).isPositive().isLessThanOrEqualTo(DatagramGate.MAX_SOURCES);
	}

	@Test
	void holdsNothingBackWhenTheBudgetIsOff() throws UnknownHostException {
		DatagramGate open = new DatagramGate(0, 1, -1, BURST, AddressRules.NONE);
		InetAddress spoofed = InetAddress.getByName("127.0.0.12");
		for (int i = 0; i < 1000; i++) {
			assertThat(open.check(spoofed, 1)).isNull();
			assertThat(open.reply(spoofed, 1000)).isNull();
		}
		assertThat(open.budgetedSources()).isZero();
	}

}
