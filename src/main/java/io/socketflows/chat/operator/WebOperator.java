package io.socketflows.chat.operator;

/**
 * Answers nothing by itself: a person answers from the console page or the HTTP API, as at the tutorial's terminal.
 */
public final class WebOperator implements ChatOperator {

	public WebOperator() {
	}

}
