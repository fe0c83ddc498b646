package se.npprod.privacy.core.erasure;

import java.util.List;

/**
 * Port: the erasure queue. A plan message is how a verified request or the retention scan starts an
 * erasure; planning then puts one message per (request, system) on the same queue, so each system
 * is asked, retried and counted on its own. Messages name the request and the system only: the
 * worker reads the rest from the table, and no identifier of the person travels on the queue.
 */
public interface ErasureQueue {
  /** Asks for the request's erasure to be planned (its identifiers gathered, its tasks made). */
  void plan(String requestId);

  /** One message per task; all of them are on the queue when this returns, or it throws. */
  void send(List<ErasureTask> tasks);
}
