package io.socketflows.chat.console;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open console page: its own queue, sent by a thread of its own while it has something to send.
 */
final class Browser {

	/**
	 * Events waiting for one browser. The chat flow only ever queues: a browser that falls this far behind is
	 * cut off, and its EventSource reconnects and resumes from the replay.
	 */
	private static final int BACKLOG = 256;

	private final SseEmitter emitter;

	private final String epoch;

	private final Executor senders;

	private final Consumer<Browser> gone;

	private final Queue<FeedEvent> queue = new ArrayBlockingQueue<>(BACKLOG);

	private final AtomicBoolean sending = new AtomicBoolean();

	private volatile boolean behind;

	private volatile boolean ended;

	/**
	 * @param emitter the page's stream
	 * @param epoch the run the event ids belong to
	 * @param senders where the events are sent from
	 * @param gone told when the page went away, was cut off or ended
	 */
	Browser(SseEmitter emitter, String epoch, Executor senders, Consumer<Browser> gone) {
		this.emitter = emitter;
		this.epoch = epoch;
		this.senders = senders;
		this.gone = gone;
		emitter.onCompletion(() -> gone.accept(this));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> gone.accept(this));
	}

	void offer(FeedEvent event) {
		if (!this.queue.offer(event)) {
			this.behind = true;
		}
	}

	void send() {
		if (this.sending.compareAndSet(false, true)) {
			this.senders.execute(this::drain);
		}
	}

	void end() {
		this.ended = true;
		send();
	}

	private void drain() {
		try {
			for (FeedEvent event = this.queue.poll(); event != null && !this.behind && !this.ended; event = this.queue
				.poll()) {
				this.emitter.send(event.toSse(this.epoch));
			}
			if (this.behind || this.ended) {
				this.gone.accept(this);
				this.emitter.complete();
				return;
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The page went away (or its request timed out): nothing to tell it.
			this.gone.accept(this);
			return;
		}
		finally {
			this.sending.set(false);
		}
		// An event may have been queued after the last poll, while this thread still held the flag.
		if (!this.queue.isEmpty()) {
			send();
		}
	}

}
