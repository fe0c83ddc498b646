package se.npprod.privacy.core.request;

/** Where a request stands. Only the last four are final. */
public enum RequestStatus {
  RECEIVED, AWAITING_VERIFICATION, VERIFIED, IN_PROGRESS, MANUAL_REVIEW, COMPLETED, REJECTED, EXPIRED;

  /** Still being worked on: a second request of the same type from the same person joins it. */
  public boolean open() {
    return this != COMPLETED && this != REJECTED && this != EXPIRED;
  }
}
