package io.socketflows.chat.console;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import io.socketflows.support.ConditionalOnService;
import io.socketflows.support.SocketService;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.thread.Threading;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console pages open now: each event goes to every one of them, a heartbeat now and then, and an end to all
 * when the application stops.
 */
@Component
@ConditionalOnService(SocketService.CHAT)
class Browsers implements SmartLifecycle {

	private static final int MAX_BROWSERS = 64;

	/** A comment now and then finds the browsers that went away and keeps proxies from timing out. */
	private static final Duration HEARTBEAT = Duration.ofSeconds(20);

	private final Set<Browser> open = ConcurrentHashMap.newKeySet();

	private final TaskScheduler scheduler;

	private final SimpleAsyncTaskExecutor senders;

	private volatile @Nullable ScheduledFuture<?> heartbeat;

	Browsers(TaskScheduler scheduler, Environment environment) {
		this.scheduler = scheduler;
		this.senders = new SimpleAsyncTaskExecutor("console-events-");
		this.senders.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
	}

	/**
	 * @return a new page, not yet sent anything
	 * @throws ResponseStatusException 503 when too many are open
	 */
	Browser open(SseEmitter emitter, String epoch) {
		Browser browser = new Browser(emitter, epoch, this.senders, this.open::remove);
		synchronized (this.open) {
			if (this.open.size() >= MAX_BROWSERS) {
				throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Too many console pages open");
			}
			this.open.add(browser);
		}
		return browser;
	}

	void publish(FeedEvent event) {
		for (Browser browser : this.open) {
			browser.offer(event);
			browser.send();
		}
	}

	@Override
	public void start() {
		this.heartbeat = this.scheduler.scheduleAtFixedRate(() -> publish(FeedEvent.HEARTBEAT), HEARTBEAT);
	}

	/** Open streams would hold the web server's graceful shutdown until they time out: end them first. */
	@Override
	public void stop() {
		ScheduledFuture<?> beating = this.heartbeat;
		this.heartbeat = null;
		if (beating != null) {
			beating.cancel(false);
		}
		for (Browser browser : this.open) {
			browser.end();
		}
	}

	@Override
	public boolean isRunning() {
		return this.heartbeat != null;
	}

}
