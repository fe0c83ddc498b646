package se.npprod.privacy.core.request;

/**
 * How the request reached us: by mail, by the web form, or from the system itself (RETENTION: the
 * 24-month rule's erasure, which nobody asked for and nobody is mailed about).
 */
public enum Channel { EMAIL, WEB, RETENTION }
