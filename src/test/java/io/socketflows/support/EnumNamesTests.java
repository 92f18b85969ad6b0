package io.socketflows.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnumNamesTests {

	@Test
	void writesConstantsAsTheDocumentationDoes() {
		assertThat(EnumNames.kebab(Framing.LENGTH_HEADER_1)).isEqualTo("length-header-1");
		assertThat(EnumNames.kebab(SocketService.ECHO)).isEqualTo("echo");
		assertThat(EnumNames.kebab(Framing.class)).containsExactly("raw", "crlf", "lf", "stx-etx", "length-header-1",
				"length-header-2", "length-header-4");
	}

	@Test
	void readsWhatItWritesInAnyCaseWithHyphensOrUnderscores() {
		for (Framing framing : Framing.values()) {
			assertThat(EnumNames.parse(Framing.class, EnumNames.kebab(framing))).contains(framing);
		}
		assertThat(EnumNames.parse(Framing.class, " Length_Header_2 ")).contains(Framing.LENGTH_HEADER_2);
		assertThat(EnumNames.parse(Framing.class, "length-header-3")).isEmpty();
	}

}
