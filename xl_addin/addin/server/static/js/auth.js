// The sign-in token sent with each click (XLWINGS_AUTH_PROVIDERS): Entra ID single sign-on,
// or the token IT gave the user, entered once in the task pane (auth/custom on the server).
globalThis.getAuth = async function () {
  if (config.authProviders.includes("entraid")) {
    return { token: await xlwings.getAccessToken(), provider: "entraid" };
  }
  if (config.authProviders.includes("custom")) {
    return { token: localStorage.getItem("lscb-report-token") || "", provider: "custom" };
  }
  return { token: "", provider: "" };
};
