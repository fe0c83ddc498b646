package se.npprod.privacy.core.erasure;

import java.util.Optional;
import se.npprod.privacy.core.subject.EmailAddress;

/** Port: where a processor without an API is asked to erase (its privacy contact's address). */
public interface ProcessorContacts {
  Optional<EmailAddress> contact(String systemId);
}
