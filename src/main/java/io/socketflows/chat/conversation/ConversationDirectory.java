package io.socketflows.chat.conversation;

import java.util.List;
import java.util.Optional;

/**
 * The conversations the operator's API sees: this instance's, or the whole cluster's.
 */
public interface ConversationDirectory {

	/** @return the open conversations, oldest first */
	List<ConversationView> list();

	Optional<ConversationView> find(long id);

	/**
	 * Sends an operator's answer to the client; {@code exit} ends the conversation instead.
	 * @throws ConversationNotFoundException when the conversation is not open
	 * @throws ClusterUnavailableException when the pod that holds it cannot be reached
	 */
	void answer(long id, String text);

	/**
	 * Ends a conversation by closing its connection.
	 * @throws ConversationNotFoundException when the conversation is not open
	 * @throws ClusterUnavailableException when the pod that holds it cannot be reached
	 */
	void end(long id);

}
