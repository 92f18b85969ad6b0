package io.socketflows.transport;

import java.net.InetAddress;
import java.util.List;

import io.socketflows.support.Cidr;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressRulesTests {

	@Test
	void denyWinsOverAllowAndAnEmptyAllowServesEveryone() throws Exception {
		AddressRules rules = new AddressRules(List.of(Cidr.of("10.0.0.0/8")), List.of(Cidr.of("10.1.0.0/16")));
		assertThat(rules.refusal(address("10.2.3.4"))).isNull();
		assertThat(rules.refusal(address("10.1.2.3"))).isEqualTo("sockets.deny 10.1.0.0/16");
		assertThat(rules.refusal(address("192.168.1.1"))).isEqualTo("not in sockets.allow");
		AddressRules denyOnly = new AddressRules(List.of(), List.of(Cidr.of("2001:db8::/32")));
		assertThat(denyOnly.refusal(address("2001:db8::1"))).isNotNull();
		assertThat(denyOnly.refusal(address("2001:db9::1"))).isNull();
		assertThat(denyOnly.refusal(address("192.168.1.1"))).isNull();
	}

	@Test
	void knowsAnIpv4ClientOnADualStackSocketByItsIpv4Address() throws Exception {
		// ::ffff:10.1.2.3 as a dual-stack socket reports it: built from its 16 bytes, not parsed.
		byte[] mapped = new byte[16];
		mapped[10] = (byte) 0xff;
		mapped[11] = (byte) 0xff;
		System.arraycopy(new byte[] { 10, 1, 2, 3 }, 0, mapped, 12, 4);
		InetAddress client = java.net.Inet6Address.getByAddress(null, mapped, -1);
		assertThat(AddressRules.source(client)).isEqualTo(address("10.1.2.3"));
		AddressRules rules = new AddressRules(List.of(), List.of(Cidr.of("::ffff:10.1.0.0/112")));
		assertThat(rules.refusal(AddressRules.source(client))).isEqualTo("sockets.deny 10.1.0.0/16");
	}

	@Test
	void readsCidrBlocksAndSingleAddresses() {
		assertThat(Cidr.of("10.0.0.0/8")).hasToString("10.0.0.0/8");
		assertThat(Cidr.of(" 127.0.0.2 ")).hasToString("127.0.0.2/32");
		assertThat(Cidr.of("::1")).hasToString("::1/128");
	}

	private static InetAddress address(String literal) throws Exception {
		return InetAddress.getByName(literal);
	}

}
