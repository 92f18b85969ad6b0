package io.socketflows.chat.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This pod in the cluster: a name of its own for this run (its host name and a random part, so that a pod that
 * restarts is a new one) and the Redis channels it listens on.
 *
 * @param id the pod's name in the registry and its channel
 * @param cluster the cluster's name, prefix of every key and channel
 */
record ClusterPod(String id, String cluster) {

	static ClusterPod start(String cluster) {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "pod";
		}
		return new ClusterPod(host + "-" + UUID.randomUUID().toString().substring(0, 8), cluster);
	}

	/** @return the channel this pod takes commands and outcomes on */
	String topic() {
		return topic(this.id);
	}

	String topic(String pod) {
		return this.cluster + ":chat:pod:" + pod;
	}

	/** @return the channel of every pod's conversation events */
	String events() {
		return this.cluster + ":chat:events";
	}

}
