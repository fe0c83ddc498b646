package se.npprod.privacy.core.erasure;

/** One system's part of an erasure: a message on the erasure queue, a task item on the request. */
public record ErasureTask(String requestId, String system) {}
