/**
 * Delivery, non-delivery and delay reports (RFC 3464): which recipients a report covers, when it is
 * due, and its composition as {@code multipart/report}. Reports are messages of their own, sent
 * back to the originator through the ordinary outbound path.
 */
package dev.spooler.report;
