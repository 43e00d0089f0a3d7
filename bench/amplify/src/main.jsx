// The smallest real use of Amplify's ready-made sign-in: configure Auth with
// a user pool and render <Authenticator>, nothing else. The pool and client
// do not exist: the benchmark measures the form appearing, and Amplify
// needs no call to Cognito for that.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Amplify } from 'aws-amplify';
import { Authenticator } from '@aws-amplify/ui-react';
import '@aws-amplify/ui-react/styles.css';

Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: 'eu-west-1_Bench00000',
      userPoolClientId: '0123456789abcdefghijklmnop',
    },
  },
});

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <Authenticator>
      {({ signOut, user }) => (
        <main>
          <p>Signed in as {user?.username}</p>
          <button type="button" onClick={signOut}>Sign out</button>
        </main>
      )}
    </Authenticator>
  </StrictMode>,
);
