package dev.herald.console;

import dev.herald.it.Api;
import dev.herald.it.Api.Tenant;
import dev.herald.it.Browser;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What every console test does: a browser, a new tenant, signing in, and waiting for what a click brings. */
abstract class ConsoleTest {

    Browser browser;
    Tenant tenant;

    @BeforeEach
    void openABrowser() {
        browser = Browser.start();
        tenant = Api.newTenant();
    }

    @AfterEach
    void closeTheBrowser() {
        browser.close();
    }

    void signIn(String token) {
        browser.open("console/sign-in.xhtml");
        browser.driver().findElement(By.id("signIn:token")).sendKeys(token);
        browser.driver().findElement(By.id("signIn:go")).click();
    }

    /** A token of the test's tenant for this actor with this one scope. */
    String issue(String actor, String scope) {
        return tenant.api()
                .body("{\"actor\":\"" + actor + "\",\"scopes\":[\"" + scope + "\"]}")
                .post("tenants/" + tenant.id() + "/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    /**
     * Waits for the text on the page that answers a click: the element may be on the page
     * before it, empty. The page re-renders it when the answer comes, so the element found may
     * be gone by the time its text is read: Chromium then reports "Node with given id does not
     * belong to the document" (not a stale element, which Selenium's own condition allows for),
     * and the wait looks again.
     */
    void waitForText(By element, String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> {
            try {
                return driver.findElement(element).getText().contains(text);
            } catch (NoSuchElementException | StaleElementReferenceException replaced) {
                return false;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return false;
                }
                throw e;
            }
        });
    }

    void waitFor(By element) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(element));
    }

    WebElement element(String id) {
        return browser.driver().findElement(By.id(id));
    }

    String text(String id) {
        return element(id).getText();
    }

    void type(String id, String value) {
        element(id).clear();
        element(id).sendKeys(value);
    }

    /** No script of the page's content ran: every test that shows hostile text checks it. */
    Object pwned() {
        return ((JavascriptExecutor) browser.driver()).executeScript("return window.pwned;");
    }
}
