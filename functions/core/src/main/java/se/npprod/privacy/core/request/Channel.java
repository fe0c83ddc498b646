package se.npprod.privacy.core.request;

/** How the request reached us. */
public enum Channel { EMAIL, WEB }
