package se.npprod.privacy.core.json;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Names the field a Jackson mapping error is about, as a dotted path: {@code consent.banner.revision}. */
public final class JsonErrors {
  private JsonErrors() {}

  /** The dotted path of the bad field, or {@code fallback} when the error is about the whole document. */
  public static String fieldPath(JsonMappingException e, String fallback) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? fallback : path.toString();
  }
}
