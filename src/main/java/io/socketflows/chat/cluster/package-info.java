/**
 * The chat cluster over Redis ({@code sockets.chat.cluster=redis}): the registry of every pod's conversations, and
 * the pods' messages as Spring Integration flows, read in one class, {@code ClusterMessagingConfiguration}.
 */
package io.socketflows.chat.cluster;
