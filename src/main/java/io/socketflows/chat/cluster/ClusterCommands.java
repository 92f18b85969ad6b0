package io.socketflows.chat.cluster;

import io.socketflows.chat.conversation.ConversationNotFoundException;
import io.socketflows.chat.conversation.Conversations;

import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * Carries out the answers and ends that other pods send for this pod's clients, and says how it went.
 */
final class ClusterCommands {

	private final ClusterPod pod;

	private final Conversations conversations;

	ClusterCommands(ClusterPod pod, Conversations conversations) {
		this.pod = pod;
		this.conversations = conversations;
	}

	/** @return the outcome, addressed to the pod that sent the command */
	Message<ClusterMessage> carryOut(ClusterMessage command) {
		ClusterMessage.Outcome outcome;
		try {
			if (command.type() == ClusterMessage.Type.END) {
				this.conversations.end(command.conversation());
			}
			else {
				this.conversations.answer(command.conversation(), (command.text() != null) ? command.text() : "");
			}
			outcome = ClusterMessage.Outcome.DONE;
		}
		catch (ConversationNotFoundException ex) {
			outcome = ClusterMessage.Outcome.ENDED;
		}
		return MessageBuilder.withPayload(command.outcome(this.pod.id(), outcome))
			.setHeader(ClusterMessagingConfiguration.TO, command.pod())
			.build();
	}

}
