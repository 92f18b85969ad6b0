/**
 * Who answers the chat's clients: a person at the terminal, at the console page, or an automatic echo.
 */
package io.socketflows.chat.operator;
