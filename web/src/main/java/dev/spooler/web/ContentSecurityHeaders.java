package dev.spooler.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A second line behind the console's escaping: no answer is sniffed into another type (a JSON body
 * holding markup never renders as HTML), and the console runs only its own script file, so markup
 * that slipped into the page could not run an inline script or event handler.
 */
// Async: the SSE streams (/api/queue/events, mailbox events) need every filter before them to allow
// it.
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ContentSecurityHeaders extends HttpFilter {

  static final String CONSOLE_POLICY =
      "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none';"
          + " frame-ancestors 'none'; form-action 'self'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (request.getRequestURI().startsWith(request.getContextPath() + "/console")) {
      response.setHeader("Content-Security-Policy", CONSOLE_POLICY);
    }
    chain.doFilter(request, response);
  }
}
