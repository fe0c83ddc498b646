package se.npprod.privacy.core.erasure;

import java.util.List;

/**
 * Port: the erasure queue. One SQS message per (request, system); a plan message is how a
 * verified request or the retention scan starts an erasure.
 */
public interface ErasureQueue {
  void plan(String requestId);

  void send(List<ErasureTask> tasks);
}
