package io.socketflows.chat.console;

import java.util.List;

import io.socketflows.chat.conversation.ClusterUnavailableException;
import io.socketflows.chat.conversation.ConversationDirectory;
import io.socketflows.chat.conversation.ConversationNotFoundException;
import io.socketflows.chat.conversation.ConversationView;
import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.SocketService;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's HTTP API, whatever operator mode runs: list, answer and end conversations.
 */
@RestController
@RequestMapping("/api/conversations")
@ConditionalOnService(SocketService.CHAT)
class ConversationsController {

	private final ConversationDirectory conversations;

	ConversationsController(ConversationDirectory conversations) {
		this.conversations = conversations;
	}

	@GetMapping
	List<ConversationView> list() {
		return this.conversations.list();
	}

	@GetMapping("/{id}")
	ConversationView get(@PathVariable long id) {
		return this.conversations.find(id)
			.orElseThrow(() -> new ConversationNotFoundException(id));
	}

	/** Sends the body to the client; {@code exit} ends the conversation, as at the console. */
	@PostMapping(path = "/{id}/replies", consumes = MediaType.TEXT_PLAIN_VALUE)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void reply(@PathVariable long id, @RequestBody String text) {
		this.conversations.answer(id, text);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void end(@PathVariable long id) {
		this.conversations.end(id);
	}

	@ExceptionHandler
	ProblemDetail notFound(ConversationNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unavailable(ClusterUnavailableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

}
