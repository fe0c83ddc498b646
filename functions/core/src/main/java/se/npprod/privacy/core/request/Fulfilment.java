package se.npprod.privacy.core.request;

/**
 * Port: what happens once a request is verified: an extract is queued for ExtractFunction; erasure,
 * restriction, objection and rectification are planned per system (the erasure work).
 */
public interface Fulfilment {
  /** Called once per request, right after verification; must not lose it (a queue, not memory). */
  void start(PrivacyRequest verified);
}
