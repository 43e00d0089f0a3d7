import { expect, signIn, test } from '../fixtures';
import { expectFieldError, expectFieldErrorId } from '../pages/field';

test('the profile is edited from the account page, with a message per field', async ({
  page,
  accountPage,
  profilePage,
  confirmedUser,
}) => {
  await signIn(page, confirmedUser);
  await accountPage.editProfile.click();
  await profilePage.expectShown();
  await expect(profilePage.fullName).toHaveAttribute('autocomplete', 'name');
  await expect(profilePage.firstName).toHaveAttribute('autocomplete', 'given-name');
  await expect(profilePage.lastName).toHaveAttribute('autocomplete', 'family-name');
  await expect(profilePage.language).toHaveAttribute('autocomplete', 'language');
  await expect(profilePage.company).toHaveAttribute('name', 'attributes[custom:company]');

  // An invalid language is that field's error; what was typed is kept.
  await profilePage.fullName.fill('Ada Lovelace');
  await profilePage.language.fill('not a language');
  await profilePage.save.click();
  await profilePage.expectShown();
  await expectFieldError(profilePage.language, 'locale');
  // Its stable message id, as every other field error carries.
  await expectFieldErrorId(page, 'locale', 'profile.locale_invalid');
  await expect(profilePage.fullName).toHaveValue('Ada Lovelace');

  await profilePage.firstName.fill('Ada');
  await profilePage.lastName.fill('Lovelace');
  await profilePage.language.fill('en-GB');
  await profilePage.company.fill('Analytical Engines');
  await profilePage.save.click();

  await accountPage.expectShown();
  await accountPage.messages.expectInfo('profile.saved');
  const main = page.getByRole('main');
  await expect(main.getByText('Ada Lovelace', { exact: true })).toBeVisible();
  await expect(main.getByText('en-GB', { exact: true })).toBeVisible();

  // The form opens with the saved values.
  await accountPage.editProfile.click();
  await profilePage.expectShown();
  await expect(profilePage.fullName).toHaveValue('Ada Lovelace');
  await expect(profilePage.firstName).toHaveValue('Ada');
  await expect(profilePage.lastName).toHaveValue('Lovelace');
  await expect(profilePage.language).toHaveValue('en-GB');
  await expect(profilePage.company).toHaveValue('Analytical Engines');

  // An emptied field is removed from the account.
  await profilePage.fullName.fill('');
  await profilePage.save.click();
  await accountPage.expectShown();
  await accountPage.messages.expectInfo('profile.saved');
  await expect(main.getByText('Ada Lovelace', { exact: true })).toHaveCount(0);
});
