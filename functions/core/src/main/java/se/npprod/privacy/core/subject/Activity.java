package se.npprod.privacy.core.subject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Something the shop's systems tell us about a person: an order, a support contact, an account, a
 * contact imported to a marketing list. Each carries the event's id (a redelivered event is recognised by it), the system that holds
 * the data, when it happened and the person's contact details as that system has them.
 */
public sealed interface Activity {
  String eventId();

  /** The system that holds this data, e.g. {@code webshop}, {@code support}. */
  String system();

  Instant occurredAt();

  Contact contact();

  /** Policy §5: only an order or a support contact restarts the 24 months. */
  boolean movesRetentionClock();

  /**
   * Whether the person did this themselves: an order, a support contact, an account. Such an event
   * is recorded even for a person we erased, since they came back and started a new relationship.
   * A marketing import is done to a person, not by them: after an erasure it would bring back
   * somebody who asked to be forgotten, so the tombstone suppresses it.
   */
  default boolean byThePerson() {
    return true;
  }

  /** What it is, in codes for items and logs: {@code order}, {@code support}, ... */
  String kind();

  /** Contact details; everything but the address may be absent. */
  record Contact(EmailAddress email, String name, String phone, String customerNumber) {}

  record OrderLine(String sku, String name, int quantity, String unitPrice) {}

  /** The invoice as issued; bookkeeping keeps {@code retention.bookkeeping.fields} of it. */
  record Invoice(String invoiceNumber, LocalDate invoiceDate, String amount, String vat, String buyerName,
      String buyerAddress) {}

  record OrderPlaced(String eventId, String system, Instant occurredAt, Contact contact, String orderId,
      List<OrderLine> lines, String total, String currency, String deliveryNote, Optional<Invoice> invoice)
      implements Activity {
    @Override
    public boolean movesRetentionClock() {
      return true;
    }

    @Override
    public String kind() {
      return "order";
    }
  }

  record SupportContact(String eventId, String system, Instant occurredAt, Contact contact, String caseId,
      String channel, String subject, String summary) implements Activity {
    @Override
    public boolean movesRetentionClock() {
      return true;
    }

    @Override
    public String kind() {
      return "support";
    }
  }

  /** An account created or changed; {@code newsletter} is the person's choice when the event states it. */
  record AccountChanged(String eventId, String system, Instant occurredAt, Contact contact, String accountId,
      boolean created, Optional<Boolean> newsletter) implements Activity {
    @Override
    public boolean movesRetentionClock() {
      return false;
    }

    @Override
    public String kind() {
      return "account";
    }
  }

  /**
   * A contact added to a marketing list from outside a purchase (a list import, a fair's sign-up
   * sheet). {@code consentedAt} is when the person gave consent to marketing; empty when they gave
   * none.
   */
  record MarketingContactImported(String eventId, String system, Instant occurredAt, Contact contact, String list,
      Optional<Instant> consentedAt) implements Activity {
    public boolean consent() {
      return consentedAt.isPresent();
    }

    @Override
    public boolean movesRetentionClock() {
      return false;
    }

    @Override
    public boolean byThePerson() {
      return false;
    }

    @Override
    public String kind() {
      return "marketing-import";
    }
  }
}
