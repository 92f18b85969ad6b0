package io.socketflows.chat.cluster;

import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Payload;

/**
 * Sends a command to the pod that holds a conversation and returns what that pod did with it: the entry of
 * {@code chatClusterCommandFlow} ({@link ClusterMessagingConfiguration}).
 */
interface PodGateway {

	/**
	 * @param command an {@code ANSWER} or an {@code END}
	 * @param pod the pod that holds the conversation
	 * @return the outcome that pod sent back
	 * @throws org.springframework.messaging.MessagingException when Redis cannot be reached or the pod did not
	 * answer in time ({@link org.springframework.integration.handler.ReplyRequiredException})
	 */
	ClusterMessage.Outcome send(@Payload ClusterMessage command, @Header(ClusterMessagingConfiguration.TO) String pod);

}
